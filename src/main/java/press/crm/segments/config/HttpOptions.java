package press.crm.segments.config;

/** Where and how the HTTP verticle listens. */
public record HttpOptions(String host, int port, int managementPort, int bodyLimitBytes,
    int shutdownGraceSeconds, int instances) {

  /** Management endpoints share the API port when {@link #managementPort()} is this value. */
  public static final int SAME_PORT = -1;

  static HttpOptions from(ConfigReader http) {
    return new HttpOptions(
        http.string("host"),
        http.integer("port", 0, 65535),
        http.integer("management_port", -1, 65535),
        http.integer("body_limit_bytes", 1024, 1 << 30),
        http.integer("shutdown_grace_seconds", 0, 3600),
        instances(http));
  }

  /** 0 means one instance per available processor. */
  private static int instances(ConfigReader http) {
    int configured = http.integer("instances", 0, 256);
    return configured == 0 ? Runtime.getRuntime().availableProcessors() : configured;
  }

  public boolean separateManagementPort() {
    return managementPort != SAME_PORT;
  }
}
