package dev.jbuild.cli;

/** Process exit codes, as docker build uses them. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private ExitCodes() {}
}
