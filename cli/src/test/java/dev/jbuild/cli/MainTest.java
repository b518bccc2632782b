package dev.jbuild.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void mainClassLoads() {
    assertThat(Main.class.getSimpleName()).isEqualTo("Main");
  }
}
