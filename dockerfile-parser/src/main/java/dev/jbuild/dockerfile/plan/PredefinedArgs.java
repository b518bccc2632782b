package dev.jbuild.dockerfile.plan;

import dev.jbuild.dockerfile.PlanRequest;
import dev.jbuild.dockerfile.Platform;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** ARGs that exist without a declaration: platform ARGs, proxy ARGs, BuildKit switches. */
public final class PredefinedArgs {
  /** Passed to RUN when given as build-args, kept out of history unless declared. */
  public static final Set<String> PROXY =
      Set.of(
          "HTTP_PROXY",
          "http_proxy",
          "HTTPS_PROXY",
          "https_proxy",
          "FTP_PROXY",
          "ftp_proxy",
          "NO_PROXY",
          "no_proxy",
          "ALL_PROXY",
          "all_proxy");

  private PredefinedArgs() {}

  static Map<String, String> platformArgs(PlanRequest req) {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "BUILD", req.buildPlatform());
    put(out, "TARGET", req.targetPlatform());
    return out;
  }

  private static void put(Map<String, String> out, String prefix, Platform p) {
    out.put(prefix + "PLATFORM", p.toString());
    out.put(prefix + "OS", p.os());
    out.put(prefix + "ARCH", p.architecture());
    out.put(prefix + "VARIANT", p.variant() == null ? "" : p.variant());
  }

  /** Build-args that are never reported as unused. */
  static boolean isBuiltin(String name) {
    return PROXY.contains(name) || name.startsWith("BUILDKIT_") || name.equals("SOURCE_DATE_EPOCH");
  }
}
