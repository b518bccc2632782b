/**
 * Planning of the Dockerfile {@code ADD} instruction: {@link dev.jbuild.cli.build.add.AddPlanner}
 * turns one ADD into the file entries of a layer. Local sources follow COPY's rules except that a
 * tar archive (detected by content) is unpacked safely with its own owners; http(s) sources are
 * downloaded with the JDK HttpClient; git sources are checked out with the git program.
 */
package dev.jbuild.cli.build.add;
