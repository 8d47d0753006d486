import java.lang.reflect.Field;

/**
 * Runs DynamoDB Local (same command-line options as DynamoDBLocal.jar) with its HTTP connector
 * bound to 127.0.0.1 only. The jar has no option for the address: its Jetty server listens on
 * every interface, which would open the local database to the network. Started by
 * packages/local/src/services/dynamodb.ts in Java's source-file mode, with the jar on the class
 * path; reflection keeps it free of compile-time dependencies on the jar.
 */
public class LoopbackDynamoDBLocal {
  public static void main(String[] args) throws Exception {
    Object proxy =
        Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner")
            .getMethod("createServerFromCommandLineArgs", String[].class)
            .invoke(null, (Object) args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object jetty = field.get(proxy);
    Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector");
    for (Object connector : connectors) {
      connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    }
    proxy.getClass().getMethod("start").invoke(proxy);
  }
}
