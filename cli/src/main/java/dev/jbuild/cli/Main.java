package dev.jbuild.cli;

/** Entry point placeholder; replaced by the picocli command tree. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.out.println("jbuild 0.1.0-SNAPSHOT");
  }
}
