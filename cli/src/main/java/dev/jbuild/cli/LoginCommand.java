package dev.jbuild.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jbuild.registry.Credentials;
import dev.jbuild.registry.RegistryClient;
import dev.jbuild.registry.RegistryException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jbuild login REGISTRY}: checks the credentials against the registry, then stores them in
 * the auth file (or credential helper) that pulls and pushes read.
 */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    description = "Log in to a registry; credentials go to the auth file.")
final class LoginCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RegistryCliOptions registry = new RegistryCliOptions();

  @Parameters(index = "0", paramLabel = "REGISTRY", description = "e.g. registry.example.com.")
  String host = "";

  @Option(
      names = {"-u", "--username"},
      paramLabel = "USER")
  @Nullable String username;

  @Option(
      names = {"-p", "--password"},
      paramLabel = "PASS",
      description = "Password (visible in the process list: prefer --password-stdin).")
  @Nullable String password;

  @Option(names = "--password-stdin", description = "Read the password from standard input.")
  boolean passwordStdin;

  /** Where --password-stdin reads; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws IOException {
    String reg = RegistryHost.normalize(host);
    Credentials creds = Credentials.basic(user(), secret());
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryClient client = RegistryClient.create(registry.toRegistryOptions())) {
      client.checkLogin(reg, "", creds);
      String where = registry.credentialStore().login(reg, creds);
      out.println("Login Succeeded! (credentials stored in " + where + ")");
    } catch (RegistryException e) {
      throw new UserError(String.valueOf(e.getMessage()), e);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private String user() {
    String u = username;
    if (u != null && !u.isEmpty()) {
      return u;
    }
    Console c = System.console();
    if (c == null) {
      throw new UsageError("login " + host + ": give the user name with -u");
    }
    String typed = c.readLine("Username: ");
    if (typed == null || typed.isEmpty()) {
      throw new UsageError("login " + host + ": no user name given");
    }
    return typed;
  }

  private String secret() throws IOException {
    if (passwordStdin && password != null) {
      throw new UsageError("login: use either --password or --password-stdin, not both");
    }
    String p = password;
    if (p != null) {
      return p;
    }
    if (passwordStdin) {
      BufferedReader r = new BufferedReader(new InputStreamReader(stdin, UTF_8));
      String line = r.readLine();
      if (line == null || line.isEmpty()) {
        throw new UsageError("login: --password-stdin read no password");
      }
      return line;
    }
    Console c = System.console();
    if (c == null) {
      throw new UsageError("login " + host + ": give the password with --password-stdin");
    }
    char[] typed = c.readPassword("Password: ");
    if (typed == null || typed.length == 0) {
      throw new UsageError("login " + host + ": no password given");
    }
    return new String(typed);
  }
}
