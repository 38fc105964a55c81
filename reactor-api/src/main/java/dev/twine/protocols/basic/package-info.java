/**
 * Framing protocols (Twisted's {@code twisted.protocols.basic} and {@code twisted.protocols.stateful},
 * semantics.md §1.15 and semantics.md §3.1-3.4): {@link dev.twine.protocols.basic.LineReceiver} and
 * {@link dev.twine.protocols.basic.LineOnlyReceiver} split a byte stream into lines,
 * {@link dev.twine.protocols.basic.NetstringReceiver} into netstrings, the
 * {@link dev.twine.protocols.basic.IntNStringReceiver} family into length-prefixed strings, and
 * {@link dev.twine.protocols.basic.StatefulProtocol} into fixed-size pieces chosen by a state;
 * {@link dev.twine.protocols.basic.FileSender} sends a file as a pull producer.
 *
 * <p>Every framer delivers the same messages however its input is split. A peer that breaks the framing
 * loses its own connection ({@code loseConnection}), with a Failure naming the cause that is logged and
 * kept as {@code brokenPeer()}.
 */
package dev.twine.protocols.basic;
