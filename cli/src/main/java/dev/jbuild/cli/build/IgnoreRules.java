package dev.jbuild.cli.build;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** TEMPORARY until the parser's .dockerignore matcher lands. */
final class IgnoreRules {
  private IgnoreRules() {}

  static Predicate<String> matcher(@Nullable String text) {
    return p -> false;
  }
}
