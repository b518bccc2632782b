package dev.jbuild.cli.uptodate;

/**
 * One line of a recorded build's progress, replayed when the build is answered from its record: a
 * step that ended cached or done, or a message (warnings, the image written).
 */
public record ReplayLine(Kind kind, String text) {
  /** What the line was. */
  public enum Kind {
    CACHED,
    DONE,
    MESSAGE
  }
}
