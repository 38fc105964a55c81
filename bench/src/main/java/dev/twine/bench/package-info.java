/** Module bench: filled in by its issue. */
package dev.twine.bench;
