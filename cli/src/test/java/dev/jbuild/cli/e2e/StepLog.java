package dev.jbuild.cli.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads plain progress output: each Dockerfile step and whether it ran or came from the cache. */
public final class StepLog {
  private static final Pattern START = Pattern.compile("^#(\\d+) \\[[^\\]]+\\] (.*)$");
  private static final Pattern END = Pattern.compile("^#(\\d+) (CACHED|DONE.*|ERROR.*)$");

  private StepLog() {}

  /** Each step's text (e.g. {@code COPY a /a}) with {@code CACHED} or {@code RAN}, in order. */
  public static List<Map.Entry<String, String>> outcomes(String progress) {
    Map<String, String> byId = new LinkedHashMap<>();
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String line : progress.split("\n")) {
      Matcher s = START.matcher(line);
      if (s.matches()) {
        byId.put(s.group(1), s.group(2));
        continue;
      }
      Matcher e = END.matcher(line);
      if (e.matches() && byId.containsKey(e.group(1))) {
        out.add(Map.entry(byId.get(e.group(1)), e.group(2).equals("CACHED") ? "CACHED" : "RAN"));
      }
    }
    return out;
  }

  /** The steps that ran (were not answered from the cache). */
  public static List<String> ran(String progress) {
    List<String> ran = new ArrayList<>();
    for (Map.Entry<String, String> e : outcomes(progress)) {
      if (e.getValue().equals("RAN")) {
        ran.add(e.getKey());
      }
    }
    return ran;
  }
}
