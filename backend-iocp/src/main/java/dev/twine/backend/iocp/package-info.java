/** Module backend-iocp: filled in by its issue. */
package dev.twine.backend.iocp;
