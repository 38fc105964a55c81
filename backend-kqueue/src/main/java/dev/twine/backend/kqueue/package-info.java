/** Module backend-kqueue: filled in by its issue. */
package dev.twine.backend.kqueue;
