package edgecv.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs mongo-java-server on a loopback port for edgecv's local stack.
 *
 * <p>Prints {@code EDGECV_READY port=<port>} once it accepts connections, so the parent never
 * races a port it picked itself. With {@code --parent-pid} it exits when that process goes away
 * (even on SIGKILL), so test runs leave no orphan servers.
 *
 * <p>Arguments: {@code --host 127.0.0.1 --port 0 [--data-file <path.mv>] [--parent-pid <pid>]}.
 * Without {@code --data-file} data lives in memory only.
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    String host = "127.0.0.1";
    int port = 0;
    String dataFile = null;
    long parentPid = -1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data-file" -> dataFile = args[i + 1];
        case "--parent-pid" -> parentPid = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }

    MongoBackend backend;
    if (dataFile != null) {
      Path parent = Path.of(dataFile).toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      backend = new H2Backend(dataFile);
    } else {
      backend = new MemoryBackend();
    }
    // Every built-in version reports wire version <= 8, below what the Node driver 7.x accepts
    // (9, MongoDB 4.4); announce 4.4, the oldest version the driver talks to.
    backend.version(new MongoVersion() {
      @Override
      public List<Integer> getVersionArray() {
        return List.of(4, 4, 0);
      }

      @Override
      public int getWireVersion() {
        return 9;
      }
    });
    MongoServer server = new MongoServer(backend);
    // shutdown() closes the backend, which flushes the H2 store; SIGTERM runs this hook.
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "edgecv-mongo-shutdown"));

    server.bind(host, port);
    InetSocketAddress address = server.getLocalAddress();
    System.out.println("EDGECV_READY port=" + address.getPort());
    System.out.flush();

    if (parentPid > 0) watchParent(parentPid);
  }

  /** Exits when the parent dies or this process is re-parented (the parent was killed). */
  private static void watchParent(long parentPid) {
    Thread watcher = new Thread(() -> {
      while (true) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        long actualParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        if (parent.isEmpty() || !parent.get().isAlive() || actualParent != parentPid) {
          System.err.println("edgecv: parent process " + parentPid + " is gone, stopping");
          System.exit(0);
        }
        try {
          Thread.sleep(300);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "edgecv-parent-watch");
    watcher.setDaemon(false);
    watcher.start();
  }
}
