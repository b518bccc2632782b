package dev.jbuild.dockerfile;

/**
 * A COPY/ADD source given as a heredoc: the file {@code name} with {@code content} (tabs already
 * stripped for {@code <<-}); {@code expand} says whether variables in it are expanded.
 */
public record InlineFile(String name, String content, boolean expand) {}
