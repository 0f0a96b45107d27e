/**
 * Reading and writing Canopy's files (shared/formats.md): {@link canopy.io.TopologyJson},
 * {@link canopy.io.ScheduleJson}, the topology rules in {@link canopy.model.TopologyValidator} and
 * {@link canopy.io.AtomicFiles}. Every problem with an input is an {@link canopy.io.InvalidInputException}
 * whose one-line message names the node, link or field. Numbers are read exactly (never through a
 * double) and untrusted input is bounded: files up to 64 MiB, Jackson's stream constraints (numbers of
 * at most 1000 characters, nesting at most 1000 deep), bandwidths with numerator and denominator at
 * most 10^30 and schedule figures at most 10^1000, refused before any huge number is built.
 * No dependency on the engine or on JavaFX.
 */
package canopy.io;
