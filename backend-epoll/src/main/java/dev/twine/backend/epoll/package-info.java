/** Module backend-epoll: filled in by its issue. */
package dev.twine.backend.epoll;
