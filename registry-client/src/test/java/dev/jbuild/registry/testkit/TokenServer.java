package dev.jbuild.registry.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A docker token server: checks basic credentials and issues RS256 JWTs whose {@code x5c} header
 * carries the signing certificate, with {@code access} claims for the requested scopes. The
 * registry verifies them against {@link #rootCertBundle()}.
 */
public final class TokenServer implements AutoCloseable {
  public static final String SERVICE = "jbuild-test-registry";
  public static final String ISSUER = "jbuild-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final TestCertificates.Issued signer;
  private final Path rootCertBundle;
  private final String user;
  private final String password;
  private final List<String> requestedScopes = new CopyOnWriteArrayList<>();

  public TokenServer(Path dir, String user, String password) throws IOException {
    this.user = user;
    this.password = password;
    this.signer = TestCertificates.selfSigned("jbuild token signer");
    this.rootCertBundle = dir.resolve("token-root.pem");
    TestCertificates.writePem(rootCertBundle, signer.certificate());
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public Path rootCertBundle() {
    return rootCertBundle;
  }

  /** One entry per token request: the scopes asked for, space-separated. */
  public List<String> requests() {
    return List.copyOf(requestedScopes);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      List<String> scopes = new ArrayList<>();
      String query = ex.getRequestURI().getRawQuery();
      if (query != null) {
        for (String kv : query.split("&")) {
          if (kv.startsWith("scope=")) {
            scopes.add(URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8));
          }
        }
      }
      requestedScopes.add(String.join(" ", scopes));
      String expected =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        send(ex, 401, "{\"details\":\"bad credentials\"}");
        return;
      }
      ObjectNode body = JSON.createObjectNode();
      body.put("token", jwt(scopes));
      body.put("expires_in", 300);
      send(ex, 200, body.toString());
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private String jwt(List<String> scopes) throws GeneralSecurityException {
    ObjectNode header = JSON.createObjectNode();
    header.put("typ", "JWT");
    header.put("alg", "RS256");
    header
        .putArray("x5c")
        .add(Base64.getEncoder().encodeToString(signer.certificate().getEncoded()));
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", ISSUER);
    claims.put("sub", user);
    claims.put("aud", SERVICE);
    claims.put("exp", now + 300);
    claims.put("nbf", now - 10);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      String[] parts = scope.split(":");
      if (parts.length == 3 && parts[0].equals("repository")) {
        ObjectNode a = access.addObject();
        a.put("type", "repository");
        a.put("name", parts[1]);
        ArrayNode actions = a.putArray("actions");
        for (String action : parts[2].split(",")) {
          actions.add(action);
        }
      }
    }
    String signingInput = b64(header.toString()) + "." + b64(claims.toString());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(signer.keys().getPrivate());
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
