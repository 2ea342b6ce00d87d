/*
 * EPUBCheck for many files in one Java process (run as a source file:
 * `java -cp epubcheck.jar epubcheck-loop.java`). A JVM that starts, loads
 * EPUBCheck and compiles its schemas costs some 5 s of CPU per check; this
 * one pays that once per test file and then checks each EPUB in a fraction
 * of it, with EPUBCheck's own command-line entry, so the verdict is the
 * command's.
 *
 * Protocol, one line each way: the test writes `REPORT.json<TAB>BOOK.epub`,
 * and reads back `checked<TAB>EXIT` once the JSON report is written (or
 * `failed<TAB>REASON`). EPUBCheck's own console output is silenced, so
 * stdout carries the protocol alone.
 */
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckLoop {
  public static void main(String[] args) throws Exception {
    PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(silent);
    System.setErr(silent);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = requests.readLine(); line != null; line = requests.readLine()) {
      String[] fields = line.split("\t", 2);
      if (fields.length != 2) {
        protocol.println("failed\tnot REPORT<TAB>EPUB: " + line);
        continue;
      }
      try {
        int exit = new EpubChecker().run(new String[] {fields[1], "--json", fields[0]});
        protocol.println("checked\t" + exit);
      } catch (Throwable error) {
        protocol.println("failed\t" + String.valueOf(error).replace('\n', ' '));
      }
    }
  }
}
