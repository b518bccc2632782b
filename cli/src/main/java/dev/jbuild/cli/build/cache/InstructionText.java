package dev.jbuild.cli.build.cache;

import dev.jbuild.dockerfile.Instruction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The part of an expanded instruction a cache key covers: every field of its record, recursively,
 * except where it sits in the Dockerfile ({@code location}) and how it was spelled ({@code
 * original}). Moving a step to another line or re-indenting it keeps its key; changing any value it
 * carries (a path, a flag, an expanded variable) does not.
 */
public final class InstructionText {
  private InstructionText() {}

  public static String canonical(Instruction step) {
    StringBuilder out = new StringBuilder();
    append(out, step);
    return out.toString();
  }

  private static void append(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append('~');
    } else if (value instanceof Record r) {
      appendRecord(out, r);
    } else if (value instanceof Collection<?> c) {
      out.append('[').append(c.size()).append(':');
      c.forEach(v -> append(out, v));
      out.append(']');
    } else if (value instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{').append(sorted.size()).append(':');
      sorted.forEach(
          (k, v) -> {
            append(out, k);
            append(out, v);
          });
      out.append('}');
    } else {
      String s = value.toString();
      out.append(s.length()).append('"').append(s);
    }
  }

  private static void appendRecord(StringBuilder out, Record r) {
    boolean step = r instanceof Instruction;
    out.append(r.getClass().getSimpleName()).append('(');
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      String name = c.getName();
      if (step && (name.equals("location") || name.equals("original"))) {
        continue;
      }
      out.append(name).append('=');
      append(out, read(c, r));
    }
    out.append(')');
  }

  private static @Nullable Object read(RecordComponent c, Record r) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
    }
  }
}
