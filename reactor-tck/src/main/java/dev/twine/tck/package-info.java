/** Module reactor-tck: filled in by its issue. */
package dev.twine.tck;
