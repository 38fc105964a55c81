/** Module native: filled in by its issue. */
package dev.twine.nativeio;
