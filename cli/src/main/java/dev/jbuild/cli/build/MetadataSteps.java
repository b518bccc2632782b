package dev.jbuild.cli.build;

import dev.jbuild.dockerfile.Command;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.KeyValue;
import dev.jbuild.image.ContainerConfig;
import dev.jbuild.image.Healthcheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Instructions that change only the image config, each with the history text BuildKit writes. */
final class MetadataSteps {
  static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private MetadataSteps() {}

  /** Applies {@code step} when it is a metadata instruction; returns null otherwise. */
  static @Nullable StageState apply(Instruction step, StageState s, Instant now) {
    ContainerConfig c = s.container();
    if (step instanceof Instruction.Env env) {
      Map<String, String> vars = pairs(env.pairs());
      StringBuilder msg = new StringBuilder("ENV");
      vars.forEach((k, v) -> msg.append(' ').append(k).append('=').append(v));
      return s.withContainer(ConfigEdits.env(c, vars)).withEmptyLayerHistory(msg.toString(), now);
    }
    if (step instanceof Instruction.Label label) {
      Map<String, String> vars = pairs(label.pairs());
      StringBuilder msg = new StringBuilder("LABEL");
      vars.forEach((k, v) -> msg.append(' ').append(k).append('=').append(v));
      return s.withContainer(ConfigEdits.labels(c, vars))
          .withEmptyLayerHistory(msg.toString(), now);
    }
    if (step instanceof Instruction.Cmd cmd) {
      List<String> argv = argv(cmd.command(), c);
      return s.withContainer(c.withCmd(argv))
          .withCmdSet()
          .withEmptyLayerHistory("CMD " + GoQuote.quoteList(argv), now);
    }
    if (step instanceof Instruction.Entrypoint ep) {
      List<String> argv = argv(ep.command(), c);
      ContainerConfig next = c.withEntrypoint(argv);
      if (!s.cmdSet()) {
        next = next.withCmd(null);
      }
      return s.withContainer(next)
          .withEmptyLayerHistory("ENTRYPOINT " + GoQuote.quoteList(argv), now);
    }
    if (step instanceof Instruction.Shell sh) {
      return s.withContainer(c.withShell(sh.shell()))
          .withEmptyLayerHistory("SHELL " + GoQuote.plainList(sh.shell()), now);
    }
    if (step instanceof Instruction.Expose ex) {
      ContainerConfig next = ConfigEdits.expose(c, ex.ports());
      return s.withContainer(next).withEmptyLayerHistory("EXPOSE " + portMap(ex.ports()), now);
    }
    if (step instanceof Instruction.Volume vol) {
      return s.withContainer(ConfigEdits.volumes(c, vol.paths()))
          .withEmptyLayerHistory("VOLUME " + GoQuote.plainList(vol.paths()), now);
    }
    if (step instanceof Instruction.User user) {
      return s.withContainer(c.withUser(user.user()))
          .withEmptyLayerHistory("USER " + user.user(), now);
    }
    if (step instanceof Instruction.StopSignal sig) {
      return s.withContainer(c.withStopSignal(sig.signal()))
          .withEmptyLayerHistory("STOPSIGNAL " + sig.signal(), now);
    }
    if (step instanceof Instruction.Healthcheck hc) {
      return s.withContainer(c.withHealthcheck(healthcheck(hc)))
          .withEmptyLayerHistory("HEALTHCHECK " + GoQuote.quoteList(hc.test()), now);
    }
    if (step instanceof Instruction.Onbuild ob) {
      List<String> triggers = new ArrayList<>(c.onBuild() == null ? List.of() : c.onBuild());
      triggers.add(ob.expression());
      return s.withContainer(c.withOnBuild(triggers))
          .withEmptyLayerHistory("ONBUILD " + ob.expression(), now);
    }
    if (step instanceof Instruction.Maintainer m) {
      return new StageState(s.config().withAuthor(m.name()), s.layers(), s.cmdSet())
          .withEmptyLayerHistory("MAINTAINER " + m.name(), now);
    }
    if (step instanceof Instruction.Arg) {
      return s; // ARG only changes the scope, which the planner's StageScope tracks.
    }
    return null;
  }

  /** The argv of CMD/ENTRYPOINT/RUN: shell form runs under the stage's SHELL. */
  static List<String> argv(Command command, ContainerConfig c) {
    if (!command.shellForm()) {
      return command.args();
    }
    List<String> argv = new ArrayList<>(shell(c));
    argv.add(String.join(" ", command.args()));
    return argv;
  }

  static List<String> shell(ContainerConfig c) {
    return c.shell() == null || c.shell().isEmpty() ? DEFAULT_SHELL : c.shell();
  }

  private static Map<String, String> pairs(List<KeyValue> kvs) {
    Map<String, String> out = new LinkedHashMap<>();
    kvs.forEach(kv -> out.put(kv.key(), kv.value()));
    return out;
  }

  /** Go's {@code %v} of the exposed-ports map: {@code map[80/tcp:{} 53/udp:{}]}. */
  private static String portMap(List<String> specs) {
    TreeSet<String> ports = new TreeSet<>();
    specs.forEach(p -> ports.addAll(PortSpecs.expand(p)));
    StringBuilder b = new StringBuilder("map[");
    String sep = "";
    for (String p : ports) {
      b.append(sep).append(p).append(":{}");
      sep = " ";
    }
    return b.append(']').toString();
  }

  private static Healthcheck healthcheck(Instruction.Healthcheck hc) {
    return new Healthcheck(
        hc.test(),
        nanos(hc.interval()),
        nanos(hc.timeout()),
        nanos(hc.startPeriod()),
        nanos(hc.startInterval()),
        hc.retries());
  }

  private static Long nanos(Duration d) {
    return d.toNanos();
  }
}
