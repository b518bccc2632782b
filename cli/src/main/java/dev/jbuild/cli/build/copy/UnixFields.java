package dev.jbuild.cli.build.copy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;

/**
 * The lstat fields of the JDK's own POSIX attribute object ({@code sun.nio.fs.UnixFileAttributes}),
 * read directly. The public way, the {@code "unix:..."} attribute map, builds a map, boxes every
 * field and makes two {@code FileTime}s per path; a context walk does that thousands of times. Only
 * used when the jar's {@code Add-Opens: java.base/sun.nio.fs} took effect and the class has the
 * fields expected; otherwise {@link #read} answers null and the map is used.
 */
final class UnixFields {
  private static final @Nullable Class<?> TYPE;
  private static final MethodHandle @Nullable [] FIELDS;

  static {
    Class<?> type = null;
    MethodHandle @Nullable [] fields = null;
    try {
      type = Class.forName("sun.nio.fs.UnixFileAttributes");
      MethodHandles.Lookup l = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      fields =
          new MethodHandle[] {
            getter(l, type, "st_size", long.class),
            getter(l, type, "st_mtime_sec", long.class),
            getter(l, type, "st_mtime_nsec", long.class),
            getter(l, type, "st_ctime_sec", long.class),
            getter(l, type, "st_ctime_nsec", long.class),
            getter(l, type, "st_ino", long.class),
            getter(l, type, "st_mode", int.class),
            getter(l, type, "st_uid", int.class),
            getter(l, type, "st_gid", int.class)
          };
    } catch (ReflectiveOperationException | RuntimeException e) {
      type = null; // not opened to us, or another JDK's layout: use the attribute map
      fields = null;
    }
    TYPE = type;
    FIELDS = fields;
  }

  private UnixFields() {}

  private static MethodHandle getter(
      MethodHandles.Lookup l, Class<?> type, String name, Class<?> fieldType)
      throws ReflectiveOperationException {
    MethodHandle h = l.findGetter(type, name, fieldType);
    return h.asType(MethodType.methodType(fieldType, Object.class));
  }

  /** Whether {@link #read} can be used at all. */
  static boolean available() {
    return TYPE != null;
  }

  /** The fields of {@code attributes}, or null when it is not the JDK's POSIX attribute object. */
  static @Nullable StatAttributes read(Object attributes) {
    Class<?> type = TYPE;
    MethodHandle @Nullable [] f = FIELDS;
    if (type == null || f == null || !type.isInstance(attributes)) {
      return null;
    }
    try {
      long size = (long) f[0].invokeExact(attributes);
      long mtime =
          (long) f[1].invokeExact(attributes) * 1_000_000_000L
              + (long) f[2].invokeExact(attributes);
      long ctime =
          (long) f[3].invokeExact(attributes) * 1_000_000_000L
              + (long) f[4].invokeExact(attributes);
      long ino = (long) f[5].invokeExact(attributes);
      int mode = (int) f[6].invokeExact(attributes);
      int uid = (int) f[7].invokeExact(attributes);
      int gid = (int) f[8].invokeExact(attributes);
      return new StatAttributes(size, mtime, ctime, ino, mode, uid, gid);
    } catch (Throwable e) {
      throw new IllegalStateException("reading lstat fields", e);
    }
  }
}
