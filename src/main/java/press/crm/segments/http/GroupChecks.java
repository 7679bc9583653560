package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.segment.GroupRepository;
import press.crm.segments.segment.SegmentGroup;

/** Resolves group codes given as filters or targets; an unknown code is a 404. */
final class GroupChecks {

  private GroupChecks() {
  }

  /** Succeeds when {@code code} is null or names a group. */
  static Future<Void> exists(Pool pool, GroupRepository groups, String code) {
    return code == null ? Future.succeededFuture() : find(pool, groups, code).mapEmpty();
  }

  static Future<SegmentGroup> find(Pool pool, GroupRepository groups, String code) {
    return groups.findByCode(pool, code).map(found -> found.orElseThrow(
        () -> SegmentsException.notFound("Segment group '" + code + "' does not exist")));
  }
}
