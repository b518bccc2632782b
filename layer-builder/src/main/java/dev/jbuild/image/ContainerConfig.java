package dev.jbuild.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The image config's {@code config} object (what a container started from the image gets), with
 * docker's field names in BuildKit's order. Empty values are omitted, like Go's omitempty; use
 * {@code with…} to derive changed copies.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "User",
  "ExposedPorts",
  "Env",
  "Entrypoint",
  "Cmd",
  "Volumes",
  "WorkingDir",
  "Labels",
  "StopSignal",
  "ArgsEscaped",
  "Healthcheck",
  "OnBuild",
  "Shell"
})
public record ContainerConfig(
    @JsonProperty("User") @Nullable String user,
    @JsonProperty("ExposedPorts")
        @JsonSerialize(using = StringSetAsObject.Serializer.class)
        @JsonDeserialize(using = StringSetAsObject.Deserializer.class)
        @Nullable Set<String> exposedPorts,
    @JsonProperty("Env") @Nullable List<String> env,
    @JsonProperty("Entrypoint") @Nullable List<String> entrypoint,
    @JsonProperty("Cmd") @Nullable List<String> cmd,
    @JsonProperty("Volumes")
        @JsonSerialize(using = StringSetAsObject.Serializer.class)
        @JsonDeserialize(using = StringSetAsObject.Deserializer.class)
        @Nullable Set<String> volumes,
    @JsonProperty("WorkingDir") @Nullable String workingDir,
    @JsonProperty("Labels") @Nullable Map<String, String> labels,
    @JsonProperty("StopSignal") @Nullable String stopSignal,
    @JsonProperty("ArgsEscaped") @Nullable Boolean argsEscaped,
    @JsonProperty("Healthcheck") @Nullable Healthcheck healthcheck,
    @JsonProperty("OnBuild") @Nullable List<String> onBuild,
    @JsonProperty("Shell") @Nullable List<String> shell) {
  public static final ContainerConfig EMPTY =
      new ContainerConfig(
          null, null, null, null, null, null, null, null, null, null, null, null, null);

  public ContainerConfig {
    exposedPorts = set(exposedPorts);
    env = list(env);
    entrypoint = list(entrypoint);
    cmd = list(cmd);
    volumes = set(volumes);
    labels = labels == null ? null : ImageJson.sortedCopy(labels);
    argsEscaped = Boolean.TRUE.equals(argsEscaped) ? Boolean.TRUE : null;
    onBuild = list(onBuild);
    shell = list(shell);
  }

  private static @Nullable List<String> list(@Nullable List<String> l) {
    return l == null ? null : List.copyOf(l);
  }

  private static @Nullable Set<String> set(@Nullable Set<String> s) {
    return s == null ? null : Collections.unmodifiableSet(new TreeSet<>(s));
  }

  public ContainerConfig withUser(@Nullable String v) {
    return new ContainerConfig(
        v,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withExposedPorts(@Nullable Set<String> v) {
    return new ContainerConfig(
        user,
        v,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withEnv(@Nullable List<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        v,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withEntrypoint(@Nullable List<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        v,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withCmd(@Nullable List<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        v,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withVolumes(@Nullable Set<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        v,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withWorkingDir(@Nullable String v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        v,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withLabels(@Nullable Map<String, String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        v,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withStopSignal(@Nullable String v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        v,
        argsEscaped,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withArgsEscaped(@Nullable Boolean v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        v,
        healthcheck,
        onBuild,
        shell);
  }

  public ContainerConfig withHealthcheck(@Nullable Healthcheck v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        v,
        onBuild,
        shell);
  }

  public ContainerConfig withOnBuild(@Nullable List<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        v,
        shell);
  }

  public ContainerConfig withShell(@Nullable List<String> v) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        argsEscaped,
        healthcheck,
        onBuild,
        v);
  }
}
