package press.crm.segments.segment;

import press.crm.segments.config.Identifiers;

/** Qualified names of the server's own tables in its configured schema. */
public record SchemaTables(String schema) {

  public SchemaTables {
    if (!Identifiers.isPlain(schema)) {
      throw new IllegalArgumentException("schema must be a plain identifier: " + schema);
    }
  }

  public String segments() {
    return schema + ".segments";
  }

  public String groups() {
    return schema + ".segment_groups";
  }

  public String values() {
    return schema + ".segments_values";
  }

  /** Any other table of the server's schema, e.g. from a later migration. */
  public String table(String name) {
    if (!Identifiers.isPlain(name)) {
      throw new IllegalArgumentException("table must be a plain identifier: " + name);
    }
    return schema + "." + name;
  }
}
