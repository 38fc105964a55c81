/**
 * The one-command suite ({@link dev.twine.bench.report.Suite}) and the report it writes: JSON for
 * tools, Markdown tables with ratios to Netty measured in the same run, and a PNG chart drawn with
 * Java2D (bars per stack, Netty beside them), all tagged with OS, architecture, JDK and CPU count.
 */
package dev.twine.bench.report;
