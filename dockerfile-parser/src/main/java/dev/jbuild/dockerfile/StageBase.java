package dev.jbuild.dockerfile;

/** What a stage starts from. */
public sealed interface StageBase {
  /** {@code FROM scratch}: an empty filesystem. */
  record Scratch() implements StageBase {}

  /** {@code FROM <earlier stage>}: that stage's result (and its ONBUILD triggers). */
  record StageRef(int index) implements StageBase {}

  /** {@code FROM <image>}: a reference, global ARGs already expanded. */
  record ImageRef(String reference) implements StageBase {}
}
