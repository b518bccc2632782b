package dev.jbuild.cli;

import dev.jbuild.image.ImageFormatException;
import dev.jbuild.registry.InvalidReferenceException;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.LocalStore;
import dev.jbuild.store.StoreException;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that works on the local store: opens it, runs, closes it, and turns the typed failures
 * of the store, image model and registry client into one-line user errors.
 */
abstract class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Override
  public final Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (Closeable early = beforeOpen();
        LocalStore s = LocalStore.open(store.storeRoot(System.getenv()))) {
      return run(s, out);
    } catch (StoreException
        | ImageFormatException
        | RegistryException
        | InvalidReferenceException e) {
      throw new UserError(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    } finally {
      out.flush();
    }
  }

  /**
   * Work that can run while the store opens (a pull locates its manifest meanwhile); what it
   * returns is closed after {@link #run}, or when opening fails.
   */
  @Nullable Closeable beforeOpen() throws IOException {
    return null;
  }

  /** The command's work; returns the exit code. */
  abstract int run(LocalStore store, PrintWriter out) throws IOException;
}
