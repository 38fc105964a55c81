/** Module examples: filled in by its issue. */
package dev.twine.examples;
