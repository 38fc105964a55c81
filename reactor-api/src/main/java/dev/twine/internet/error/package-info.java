/**
 * Twisted's {@code twisted.internet.error}: the reasons a connection ends and the errors reactor calls
 * raise (semantics.md §1.12). Connection-end reasons and connect failures are checked exceptions because they travel
 * inside a {@link dev.twine.defer.Failure}, never thrown at callers; misuse of the reactor (stopping one
 * that is not running, cancelling a call twice) raises unchecked exceptions.
 */
package dev.twine.internet.error;
