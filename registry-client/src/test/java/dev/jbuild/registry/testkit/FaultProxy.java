package dev.jbuild.registry.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * A plain-HTTP reverse proxy in front of a {@link RealRegistry} that injects faults into matching
 * requests: error statuses (with {@code Retry-After}), connections reset halfway through a body,
 * corrupted bodies, and redirects to a separate "presigned" blob host.
 */
public final class FaultProxy implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP =
      Set.of("content-length", "transfer-encoding", "connection", "host", "keep-alive");

  /** What to do to a matching request. */
  public sealed interface Fault permits Status, ResetMidBody, CorruptBody, PresignedRedirect {}

  /** Answer with {@code code} (and {@code Retry-After} if not null) without asking upstream. */
  public record Status(int code, @Nullable Integer retryAfterSeconds) implements Fault {}

  /** Send the headers and half the body, then drop the connection. */
  public record ResetMidBody() implements Fault {}

  /** Flip one byte in the middle of the body. */
  public record CorruptBody() implements Fault {}

  /** Answer 307 to {@code localhost:<blob host port>}, which serves the upstream body. */
  public record PresignedRedirect() implements Fault {}

  /** A request the proxy or the blob host saw. */
  public record Seen(String method, String path, boolean authorized) {}

  private record Rule(String method, String pathContains, Fault fault, AtomicInteger remaining) {}

  private final String upstream;
  private final HttpServer server;
  private final HttpServer blobHost;
  private final OkHttpClient http =
      new OkHttpClient.Builder().followRedirects(false).retryOnConnectionFailure(false).build();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Seen> blobHostSeen = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> presigned = new ConcurrentHashMap<>();

  static {
    // Give up quickly on a request that never completes its headers (our client's TLS hello
    // before it falls back to plain HTTP) instead of holding the connection forever.
    System.setProperty("sun.net.httpserver.maxReqTime", "1");
  }

  public FaultProxy(String upstreamAddress) throws IOException {
    this.upstream = "http://" + upstreamAddress;
    InetAddress lo = InetAddress.getLoopbackAddress();
    server = HttpServer.create(new InetSocketAddress(lo, 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    blobHost = HttpServer.create(new InetSocketAddress(lo, 0), 0);
    blobHost.createContext("/presigned/", this::servePresigned);
    blobHost.start();
  }

  /** {@code 127.0.0.1:<port>}: reference images through this to get the faults. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Applies {@code fault} to the next {@code times} requests of {@code method} on such paths. */
  public FaultProxy inject(String method, String pathContains, Fault fault, int times) {
    rules.add(new Rule(method, pathContains, fault, new AtomicInteger(times)));
    return this;
  }

  public List<Seen> requests() {
    return List.copyOf(seen);
  }

  public List<Seen> blobHostRequests() {
    return List.copyOf(blobHostSeen);
  }

  private @Nullable Fault take(String method, String path) {
    for (Rule r : rules) {
      if (r.method().equals(method)
          && path.contains(r.pathContains())
          && r.remaining().getAndDecrement() > 0) {
        return r.fault();
      }
    }
    return null;
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    String query = ex.getRequestURI().getRawQuery();
    seen.add(new Seen(method, path, ex.getRequestHeaders().containsKey("Authorization")));
    Fault fault = take(method, path);
    try {
      if (fault instanceof Status s) {
        ex.getRequestBody().readAllBytes(); // like a real server: read the request, then fail
        if (s.retryAfterSeconds() != null) {
          ex.getResponseHeaders().set("Retry-After", String.valueOf(s.retryAfterSeconds()));
        }
        byte[] body = "{\"errors\":[{\"code\":\"INJECTED\",\"message\":\"injected\"}]}".getBytes();
        ex.sendResponseHeaders(s.code(), body.length);
        ex.getResponseBody().write(body);
        return;
      }
      try (Response r = forward(ex, path, query)) {
        byte[] body = r.body().bytes();
        if (fault instanceof PresignedRedirect) {
          String token = UUID.randomUUID().toString();
          presigned.put(token, body);
          ex.getResponseHeaders()
              .set(
                  "Location",
                  "http://localhost:"
                      + blobHost.getAddress().getPort()
                      + "/presigned/"
                      + token
                      + "?X-Signature=test");
          ex.sendResponseHeaders(307, -1);
          return;
        }
        copyHeaders(r, ex);
        if (method.equals("HEAD") || body.length == 0) {
          String len = r.header("Content-Length");
          if (len != null && method.equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", len);
          }
          ex.sendResponseHeaders(r.code(), -1);
          return;
        }
        if (fault instanceof CorruptBody) {
          body[body.length / 2] ^= 0x5a;
        }
        ex.sendResponseHeaders(r.code(), body.length);
        OutputStream out = ex.getResponseBody();
        if (fault instanceof ResetMidBody) {
          out.write(body, 0, body.length / 2);
          out.flush();
          throw new IOException("injected reset");
        }
        out.write(body);
      }
    } finally {
      ex.close();
    }
  }

  private Response forward(HttpExchange ex, String path, @Nullable String query)
      throws IOException {
    String url = upstream + path + (query == null ? "" : "?" + query);
    byte[] in = ex.getRequestBody().readAllBytes();
    String method = ex.getRequestMethod();
    RequestBody body = null;
    if (!method.equals("GET") && !method.equals("HEAD")) {
      String ct = ex.getRequestHeaders().getFirst("Content-Type");
      body = RequestBody.create(in, ct == null ? null : MediaType.parse(ct));
    }
    Request.Builder b = new Request.Builder().url(url).method(method, body);
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        for (String v : h.getValue()) {
          b.addHeader(h.getKey(), v);
        }
      }
    }
    b.header("Host", address());
    if (!ex.getRequestHeaders().containsKey("Accept-Encoding")) {
      b.header("Accept-Encoding", "identity");
    }
    return http.newCall(b.build()).execute();
  }

  private static void copyHeaders(Response r, HttpExchange ex) {
    for (String name : r.headers().names()) {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        for (String v : r.headers(name)) {
          ex.getResponseHeaders().add(name, v);
        }
      }
    }
  }

  private void servePresigned(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      blobHostSeen.add(
          new Seen(
              ex.getRequestMethod(), path, ex.getRequestHeaders().containsKey("Authorization")));
      byte[] body = presigned.get(path.substring("/presigned/".length()));
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    blobHost.stop(0);
    http.dispatcher().executorService().shutdown();
  }
}
