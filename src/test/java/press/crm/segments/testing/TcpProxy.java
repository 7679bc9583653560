package press.crm.segments.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.HashSet;
import java.util.Set;

/** A TCP proxy in front of PostgreSQL that a test can cut and restore, to play an outage. */
public final class TcpProxy {

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final Set<NetSocket> sockets = new HashSet<>();
  private NetServer server;
  private int port;

  public TcpProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Listens on {@code port} (0 picks one); returns the port. */
  public Future<Integer> start(int wanted) {
    NetClient client = vertx.createNetClient();
    server = vertx.createNetServer().connectHandler(inbound -> {
      inbound.pause();
      client.connect(targetPort, targetHost).onComplete(result -> {
        if (result.failed()) {
          inbound.close();
          return;
        }
        NetSocket outbound = result.result();
        sockets.add(inbound);
        sockets.add(outbound);
        inbound.pipeTo(outbound);
        outbound.pipeTo(inbound);
        inbound.resume();
      });
    });
    return server.listen(wanted, "127.0.0.1").map(s -> {
      port = s.actualPort();
      return port;
    });
  }

  /** Stops listening and drops every open connection, as a database crash would. */
  public Future<Void> cut() {
    for (NetSocket socket : sockets) {
      socket.close();
    }
    sockets.clear();
    return server.close();
  }

  public int port() {
    return port;
  }
}
