package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.DockerfileException;
import dev.jbuild.dockerfile.InlineFile;
import dev.jbuild.dockerfile.Instruction;
import dev.jbuild.dockerfile.KeyValue;
import dev.jbuild.dockerfile.Mount;
import dev.jbuild.dockerfile.instructions.CopyAdd;
import dev.jbuild.dockerfile.instructions.MountSpecs;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Expands the words BuildKit expands, per instruction: COPY/ADD paths and flags (not --from),
 * ENV/LABEL keys and values, EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL, RUN --mount values.
 * RUN/CMD/ENTRYPOINT/SHELL/HEALTHCHECK bodies and ONBUILD triggers stay as written.
 */
public final class StepExpander {
  /** One word through the stage's lexer and environment. */
  public interface Words {
    String expand(String word) throws DockerfileException;

    /** Heredoc file content: quotes are content, only variables are replaced. */
    String expandRaw(String content) throws DockerfileException;
  }

  private StepExpander() {}

  public static Instruction expand(Instruction step, Words w) throws DockerfileException {
    if (step instanceof Instruction.Copy c) {
      return new Instruction.Copy(
          list(c.sources(), w),
          files(c.inlineFiles(), w),
          w.expand(c.dest()),
          c.from(),
          opt(c.chown(), w),
          chmod(c.chmod(), w),
          c.link(),
          c.parents(),
          list(c.excludes(), w),
          c.location(),
          c.original());
    }
    if (step instanceof Instruction.Add a) {
      String checksum = opt(a.checksum(), w);
      CopyAdd.checkChecksum(checksum);
      return new Instruction.Add(
          list(a.sources(), w),
          files(a.inlineFiles(), w),
          w.expand(a.dest()),
          opt(a.chown(), w),
          chmod(a.chmod(), w),
          a.link(),
          a.keepGitDir(),
          checksum,
          a.unpack(),
          list(a.excludes(), w),
          a.location(),
          a.original());
    }
    if (step instanceof Instruction.Env e) {
      return new Instruction.Env(pairs(e.pairs(), w), e.location(), e.original());
    }
    if (step instanceof Instruction.Label l) {
      return new Instruction.Label(pairs(l.pairs(), w), l.location(), l.original());
    }
    if (step instanceof Instruction.Expose e) {
      List<String> ports = list(e.ports(), w);
      for (String port : ports) {
        Ports.check(port);
      }
      return new Instruction.Expose(ports, e.location(), e.original());
    }
    if (step instanceof Instruction.Volume v) {
      return new Instruction.Volume(list(v.paths(), w), v.location(), v.original());
    }
    if (step instanceof Instruction.User u) {
      return new Instruction.User(w.expand(u.user()), u.location(), u.original());
    }
    if (step instanceof Instruction.Workdir d) {
      return new Instruction.Workdir(w.expand(d.path()), d.location(), d.original());
    }
    if (step instanceof Instruction.StopSignal s) {
      return new Instruction.StopSignal(w.expand(s.signal()), s.location(), s.original());
    }
    if (step instanceof Instruction.Run r && !r.mountSpecs().isEmpty()) {
      return new Instruction.Run(
          r.command(),
          mounts(r.mountSpecs(), w),
          r.mountSpecs(),
          r.network(),
          r.security(),
          r.location(),
          r.original());
    }
    return step;
  }

  private static List<Mount> mounts(List<String> specs, Words w) throws DockerfileException {
    List<Mount> out = new ArrayList<>();
    for (String spec : specs) {
      List<String> fields = new ArrayList<>();
      for (String field : MountSpecs.Csv.fields(spec)) {
        int eq = field.indexOf('=');
        fields.add(eq < 0 ? field : field.substring(0, eq + 1) + w.expand(field.substring(eq + 1)));
      }
      out.add(MountSpecs.parseFields(spec, fields));
    }
    return out;
  }

  private static @Nullable String chmod(@Nullable String chmod, Words w)
      throws DockerfileException {
    String v = opt(chmod, w);
    CopyAdd.checkChmod(v);
    return v;
  }

  private static @Nullable String opt(@Nullable String word, Words w) throws DockerfileException {
    return word == null ? null : w.expand(word);
  }

  private static List<String> list(List<String> words, Words w) throws DockerfileException {
    List<String> out = new ArrayList<>();
    for (String word : words) {
      out.add(w.expand(word));
    }
    return out;
  }

  private static List<KeyValue> pairs(List<KeyValue> pairs, Words w) throws DockerfileException {
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : pairs) {
      out.add(new KeyValue(w.expand(kv.key()), w.expand(kv.value()), kv.legacyForm()));
    }
    return out;
  }

  private static List<InlineFile> files(List<InlineFile> files, Words w)
      throws DockerfileException {
    List<InlineFile> out = new ArrayList<>();
    for (InlineFile f : files) {
      out.add(f.expand() ? new InlineFile(f.name(), w.expandRaw(f.content()), true) : f);
    }
    return out;
  }
}
