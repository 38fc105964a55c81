/** Module backend-select: filled in by its issue. */
package dev.twine.backend.select;
