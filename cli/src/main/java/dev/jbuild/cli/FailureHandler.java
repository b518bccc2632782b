package dev.jbuild.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * User mistakes become one message and exit 1 (2 for usage errors); anything else is a bug and is
 * printed with its stack trace under {@code [internal error]}.
 */
final class FailureHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    int code;
    if (ex instanceof UsageError) {
      err.println("jbuild: " + ex.getMessage());
      code = ExitCodes.USAGE;
    } else if (UserErrors.isUserFacing(ex)) {
      err.println("error: " + UserErrors.message(ex));
      code = ExitCodes.FAILED;
    } else {
      StringWriter trace = new StringWriter();
      ex.printStackTrace(new PrintWriter(trace));
      err.println("[internal error] " + ex);
      err.print(trace);
      err.println("This is a bug in jbuild; please report it with the command you ran.");
      code = ExitCodes.FAILED;
    }
    err.flush();
    return code;
  }
}
