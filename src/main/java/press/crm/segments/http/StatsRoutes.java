package press.crm.segments.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneId;
import press.crm.segments.bus.SegmentsException;
import press.crm.segments.segment.SegmentRepository;
import press.crm.segments.segment.ValueRepository;

/** segments/daily-count-stats: the per-day maximum size of a segment over a date range. */
public final class StatsRoutes {

  private final Pool pool;
  private final SegmentRepository segments;
  private final ValueRepository values;
  private final ZoneId zone;

  /** @param zone the zone whose calendar days are reported (recalculation.timezone) */
  public StatsRoutes(Pool pool, SegmentRepository segments, ValueRepository values, ZoneId zone) {
    this.pool = pool;
    this.segments = segments;
    this.values = values;
    this.zone = zone;
  }

  public void mount(Router api) {
    api.get("/segments/daily-count-stats").handler(Endpoint.array(this::dailyCounts));
  }

  private Future<JsonArray> dailyCounts(RoutingContext ctx) {
    String code = RequestParams.code(ctx, "segment_code");
    LocalDate from = RequestParams.day(ctx, "date_from");
    LocalDate to = RequestParams.day(ctx, "date_to");
    if (from.isAfter(to)) {
      throw new InvalidInput("date_from", "must not be after date_to");
    }
    return segments.findByCode(pool, code)
        .map(found -> found.orElseThrow(
            () -> SegmentsException.notFound("Segment '" + code + "' does not exist")))
        .compose(segment -> values.dailyMaxima(pool, segment.id(), from, to, zone));
  }
}
