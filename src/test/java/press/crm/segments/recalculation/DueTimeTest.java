package press.crm.segments.recalculation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import press.crm.segments.config.RecalculationOptions;
import press.crm.segments.segment.Periodicity;
import press.crm.segments.segment.Periodicity.Unit;

class DueTimeTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId BRATISLAVA = ZoneId.of("Europe/Bratislava");

  private static RecalculationOptions options(String dailyTime, int hourlyMinute, ZoneId zone) {
    return new RecalculationOptions(true, 30, LocalTime.parse(dailyTime), hourlyMinute, zone,
        new Periodicity(6, Unit.HOURS), 2, 60);
  }

  private static final RecalculationOptions DEFAULTS = options("04:00", 30, UTC);

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static Periodicity every(int amount, Unit unit) {
    return new Periodicity(amount, unit);
  }

  /**
   * Steps a controllable clock one minute at a time from {@code from} to {@code to}; whenever
   * the segment is due it is "recalculated", taking {@code runTime}. Answers the start
   * instants of the runs.
   */
  private static List<Instant> simulate(Periodicity periodicity, RecalculationOptions options,
      Instant lastCalculatedAt, Instant from, Instant to, Duration runTime) {
    List<Instant> runs = new ArrayList<>();
    Instant last = lastCalculatedAt;
    for (Instant now = from; now.isBefore(to); now = now.plusSeconds(60)) {
      if (DueTime.isDue(periodicity, last, options, now)) {
        runs.add(now);
        last = now.plus(runTime);
      }
    }
    return runs;
  }

  @Nested
  class Minutes {

    @Test
    void oneMinuteIsDueExactlyOneMinuteAfterTheLastCalculation() {
      Instant last = at("2026-06-10T10:07:13Z");

      assertThat(DueTime.nextDue(every(1, Unit.MINUTES), last, DEFAULTS))
          .isEqualTo(at("2026-06-10T10:08:13Z"));
      assertThat(DueTime.isDue(every(1, Unit.MINUTES), last, DEFAULTS,
          at("2026-06-10T10:08:12Z"))).isFalse();
      assertThat(DueTime.isDue(every(1, Unit.MINUTES), last, DEFAULTS,
          at("2026-06-10T10:08:13Z"))).isTrue();
    }

    @Test
    void severalMinutesCrossTheHourTheDayTheMonthAndTheYear() {
      Periodicity fifteen = every(15, Unit.MINUTES);

      assertThat(DueTime.nextDue(fifteen, at("2026-06-10T10:50:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-10T11:05:00Z"));
      assertThat(DueTime.nextDue(fifteen, at("2026-01-31T23:50:00Z"), DEFAULTS))
          .isEqualTo(at("2026-02-01T00:05:00Z"));
      assertThat(DueTime.nextDue(fifteen, at("2026-12-31T23:59:30Z"), DEFAULTS))
          .isEqualTo(at("2027-01-01T00:14:30Z"));
    }

    @Test
    void minutesAreElapsedTimeAcrossTheSpringDstGap() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      // 01:50 CET; the clocks jump from 02:00 to 03:00, so 20 minutes later it is 03:10 CEST.
      assertThat(DueTime.nextDue(every(20, Unit.MINUTES), at("2026-03-29T00:50:00Z"), local))
          .isEqualTo(at("2026-03-29T01:10:00Z"));
    }
  }

  @Nested
  class Hours {

    @Test
    void oneHourIsDueAtTheConfiguredMinuteOfTheNextHour() {
      Periodicity hourly = every(1, Unit.HOURS);

      assertThat(DueTime.nextDue(hourly, at("2026-06-10T10:30:41Z"), DEFAULTS))
          .isEqualTo(at("2026-06-10T11:30:00Z"));
      assertThat(DueTime.nextDue(hourly, at("2026-06-10T10:05:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-10T11:30:00Z"));
      assertThat(DueTime.nextDue(hourly, at("2026-06-10T10:59:59Z"), DEFAULTS))
          .isEqualTo(at("2026-06-10T11:30:00Z"));
    }

    @Test
    void severalHoursCountFromTheHourOfTheLastCalculation() {
      assertThat(DueTime.nextDue(every(6, Unit.HOURS), at("2026-06-10T10:31:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-10T16:30:00Z"));
      assertThat(DueTime.nextDue(every(48, Unit.HOURS), at("2026-06-10T10:31:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-12T10:30:00Z"));
    }

    @Test
    void hoursCrossTheDayTheMonthAndTheYear() {
      Periodicity hourly = every(1, Unit.HOURS);
      RecalculationOptions onTheHour = options("04:00", 0, UTC);

      assertThat(DueTime.nextDue(hourly, at("2026-06-10T23:40:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-11T00:30:00Z"));
      assertThat(DueTime.nextDue(hourly, at("2026-02-28T23:00:10Z"), onTheHour))
          .isEqualTo(at("2026-03-01T00:00:00Z"));
      assertThat(DueTime.nextDue(every(2, Unit.HOURS), at("2026-12-31T23:30:05Z"), DEFAULTS))
          .isEqualTo(at("2027-01-01T01:30:00Z"));
    }

    @Test
    void anHourlySegmentRunsOncePerHourWithoutDrift() {
      List<Instant> runs = simulate(every(1, Unit.HOURS), DEFAULTS, at("2026-06-10T09:30:50Z"),
          at("2026-06-10T10:00:00Z"), at("2026-06-10T14:00:00Z"), Duration.ofSeconds(50));

      assertThat(runs).containsExactly(at("2026-06-10T10:30:00Z"), at("2026-06-10T11:30:00Z"),
          at("2026-06-10T12:30:00Z"), at("2026-06-10T13:30:00Z"));
    }

    @Test
    void everyHourFiresOnceAcrossTheAutumnDstChange() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      // 2026-10-25: 03:00 CEST becomes 02:00 CET, so the local hour 02:xx happens twice.
      List<Instant> runs = simulate(every(1, Unit.HOURS), local, at("2026-10-24T22:30:10Z"),
          at("2026-10-24T23:00:00Z"), at("2026-10-25T03:00:00Z"), Duration.ofSeconds(10));

      assertThat(runs).containsExactly(at("2026-10-24T23:30:00Z"), at("2026-10-25T00:30:00Z"),
          at("2026-10-25T01:30:00Z"), at("2026-10-25T02:30:00Z"));
    }

    @Test
    void everyHourFiresOnceAcrossTheSpringDstGap() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      // 2026-03-29: 02:00 CET becomes 03:00 CEST; local 01:30 is followed by 03:30.
      List<Instant> runs = simulate(every(1, Unit.HOURS), local, at("2026-03-28T23:30:10Z"),
          at("2026-03-29T00:00:00Z"), at("2026-03-29T03:00:00Z"), Duration.ofSeconds(10));

      assertThat(runs).containsExactly(at("2026-03-29T00:30:00Z"), at("2026-03-29T01:30:00Z"),
          at("2026-03-29T02:30:00Z"));
      assertThat(runs.get(1).atZone(BRATISLAVA).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void theHourlyMinuteIsALocalMinuteInAZoneWithAHalfHourOffset() {
      RecalculationOptions kolkata = options("04:00", 15, ZoneId.of("Asia/Kolkata"));

      // 10:20 UTC is 15:50 in Kolkata: next due at 16:15 local, which is 10:45 UTC.
      assertThat(DueTime.nextDue(every(1, Unit.HOURS), at("2026-06-10T10:20:00Z"), kolkata))
          .isEqualTo(at("2026-06-10T10:45:00Z"));
    }
  }

  @Nested
  class Days {

    @Test
    void aDailySegmentCalculatedAt040040IsNextDueAt0400NotLater() {
      Instant last = at("2026-06-10T04:00:40Z");

      assertThat(DueTime.nextDue(every(1, Unit.DAYS), last, DEFAULTS))
          .isEqualTo(at("2026-06-11T04:00:00Z"));
      assertThat(DueTime.isDue(every(1, Unit.DAYS), last, DEFAULTS,
          at("2026-06-11T03:59:59Z"))).isFalse();
      assertThat(DueTime.isDue(every(1, Unit.DAYS), last, DEFAULTS,
          at("2026-06-11T04:00:00Z"))).isTrue();
    }

    @Test
    void aDailySegmentRunsAtTheDailyTimeEveryDayWithoutDrift() {
      List<Instant> runs = simulate(every(1, Unit.DAYS), DEFAULTS, at("2026-06-09T04:00:40Z"),
          at("2026-06-09T05:00:00Z"), at("2026-06-13T00:00:00Z"), Duration.ofSeconds(40));

      assertThat(runs).containsExactly(at("2026-06-10T04:00:00Z"), at("2026-06-11T04:00:00Z"),
          at("2026-06-12T04:00:00Z"));
    }

    @Test
    void severalDaysCountCalendarDaysFromTheDayOfTheLastCalculation() {
      assertThat(DueTime.nextDue(every(3, Unit.DAYS), at("2026-06-10T22:15:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-13T04:00:00Z"));
      // Calculated before the daily time: the day still counts as that day's run.
      assertThat(DueTime.nextDue(every(1, Unit.DAYS), at("2026-06-10T02:00:00Z"), DEFAULTS))
          .isEqualTo(at("2026-06-11T04:00:00Z"));
    }

    @Test
    void daysCrossTheMonthTheLeapDayAndTheYear() {
      Periodicity daily = every(1, Unit.DAYS);

      assertThat(DueTime.nextDue(daily, at("2026-01-31T04:00:10Z"), DEFAULTS))
          .isEqualTo(at("2026-02-01T04:00:00Z"));
      assertThat(DueTime.nextDue(daily, at("2026-02-28T04:00:10Z"), DEFAULTS))
          .isEqualTo(at("2026-03-01T04:00:00Z"));
      assertThat(DueTime.nextDue(daily, at("2028-02-28T04:00:10Z"), DEFAULTS))
          .isEqualTo(at("2028-02-29T04:00:00Z"));
      assertThat(DueTime.nextDue(every(7, Unit.DAYS), at("2026-12-29T04:01:00Z"), DEFAULTS))
          .isEqualTo(at("2027-01-05T04:00:00Z"));
    }

    @Test
    void theDailyTimeAndTheCalendarDayAreInTheConfiguredTimezone() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      // 23:30 UTC on 10 January is already 11 January in Bratislava (CET, +01:00).
      assertThat(DueTime.nextDue(every(1, Unit.DAYS), at("2026-01-10T23:30:00Z"), local))
          .isEqualTo(at("2026-01-12T03:00:00Z"));
      assertThat(DueTime.nextDue(every(1, Unit.DAYS), at("2026-07-10T02:00:30Z"), local))
          .isEqualTo(at("2026-07-11T02:00:00Z"));
    }

    @Test
    void localFourOClockFiresOnceOnTheDayOfTheSpringChange() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      List<Instant> runs = simulate(every(1, Unit.DAYS), local, at("2026-03-27T03:00:30Z"),
          at("2026-03-27T12:00:00Z"), at("2026-03-31T00:00:00Z"), Duration.ofSeconds(30));

      // 04:00 CET on the 28th, then 04:00 CEST on the 29th and 30th (a 23-hour day between).
      assertThat(runs).containsExactly(at("2026-03-28T03:00:00Z"), at("2026-03-29T02:00:00Z"),
          at("2026-03-30T02:00:00Z"));
    }

    @Test
    void localFourOClockFiresOnceOnTheDayOfTheAutumnChange() {
      RecalculationOptions local = options("04:00", 30, BRATISLAVA);

      List<Instant> runs = simulate(every(1, Unit.DAYS), local, at("2026-10-23T02:00:30Z"),
          at("2026-10-23T12:00:00Z"), at("2026-10-27T00:00:00Z"), Duration.ofSeconds(30));

      assertThat(runs).containsExactly(at("2026-10-24T02:00:00Z"), at("2026-10-25T03:00:00Z"),
          at("2026-10-26T03:00:00Z"));
    }

    @Test
    void aDailyTimeInsideTheSpringGapFiresAtTheFirstInstantAfterTheGap() {
      RecalculationOptions local = options("02:30", 30, BRATISLAVA);

      // 02:30 does not exist on 2026-03-29: local clocks go from 01:59:59 CET to 03:00 CEST.
      assertThat(DueTime.nextDue(every(1, Unit.DAYS), at("2026-03-28T01:30:20Z"), local))
          .isEqualTo(at("2026-03-29T01:00:00Z"));
      List<Instant> runs = simulate(every(1, Unit.DAYS), local, at("2026-03-28T01:30:20Z"),
          at("2026-03-28T12:00:00Z"), at("2026-03-31T00:00:00Z"), Duration.ofSeconds(20));
      assertThat(runs).containsExactly(at("2026-03-29T01:00:00Z"), at("2026-03-30T00:30:00Z"));
    }

    @Test
    void anAmbiguousDailyTimeOnTheAutumnChangeFiresOnceAtItsFirstOccurrence() {
      RecalculationOptions local = options("02:30", 30, BRATISLAVA);

      // 02:30 happens twice on 2026-10-25: at 00:30 UTC (CEST) and at 01:30 UTC (CET).
      List<Instant> runs = simulate(every(1, Unit.DAYS), local, at("2026-10-24T00:30:20Z"),
          at("2026-10-24T12:00:00Z"), at("2026-10-27T00:00:00Z"), Duration.ofSeconds(20));

      assertThat(runs).containsExactly(at("2026-10-25T00:30:00Z"), at("2026-10-26T01:30:00Z"));
    }
  }

  @Nested
  class NeverCalculatedAndDowntime {

    @Test
    void aSegmentNeverCalculatedIsDueAtOnceWhateverItsPeriodicity() {
      for (Unit unit : Unit.values()) {
        assertThat(DueTime.isDue(every(1, unit), null, DEFAULTS, at("2026-06-10T12:00:00Z")))
            .as(unit.wireName()).isTrue();
        assertThat(DueTime.isDue(every(10_000, unit), null, DEFAULTS, at("1970-01-01T00:00:00Z")))
            .as(unit.wireName()).isTrue();
      }
    }

    @Test
    void afterLongDowntimeAnOverdueSegmentRunsOnceAndThenFollowsItsSchedule() {
      Instant lastBeforeOutage = at("2026-06-01T04:00:30Z");

      List<Instant> runs = simulate(every(1, Unit.DAYS), DEFAULTS, lastBeforeOutage,
          at("2026-06-10T13:17:00Z"), at("2026-06-12T00:00:00Z"), Duration.ofSeconds(30));

      assertThat(runs).containsExactly(at("2026-06-10T13:17:00Z"), at("2026-06-11T04:00:00Z"));
    }

    @Test
    void afterDowntimeAMinutesSegmentRunsOnceNotOncePerMissedPeriod() {
      List<Instant> runs = simulate(every(5, Unit.MINUTES), DEFAULTS, at("2026-06-10T08:00:00Z"),
          at("2026-06-10T12:00:00Z"), at("2026-06-10T12:12:00Z"), Duration.ZERO);

      assertThat(runs).containsExactly(at("2026-06-10T12:00:00Z"), at("2026-06-10T12:05:00Z"),
          at("2026-06-10T12:10:00Z"));
    }

    @Test
    void aSegmentWithoutPeriodicityUsesTheConfiguredDefault() {
      Instant last = at("2026-06-10T10:31:00Z");

      assertThat(DueTime.effective(null, DEFAULTS)).isEqualTo(every(6, Unit.HOURS));
      assertThat(DueTime.nextDue(null, last, DEFAULTS)).isEqualTo(at("2026-06-10T16:30:00Z"));
    }

    @Test
    void aLastCalculationInTheFutureIsNotDue() {
      Instant now = at("2026-06-10T10:00:00Z");

      assertThat(DueTime.isDue(every(1, Unit.MINUTES), now.plusSeconds(120), DEFAULTS, now))
          .isFalse();
    }
  }

  @Nested
  class FailingSegments {

    private final Instant failedAt = at("2026-06-10T12:00:00Z");

    @Test
    void aFailedSegmentIsRetriedAfterOneMinuteThenTwoThenFour() {
      Periodicity daily = every(1, Unit.DAYS);

      assertThat(DueTime.retryAfterFailure(daily, failedAt, 1, DEFAULTS))
          .isEqualTo(at("2026-06-10T12:01:00Z"));
      assertThat(DueTime.retryAfterFailure(daily, failedAt, 2, DEFAULTS))
          .isEqualTo(at("2026-06-10T12:02:00Z"));
      assertThat(DueTime.retryAfterFailure(daily, failedAt, 3, DEFAULTS))
          .isEqualTo(at("2026-06-10T12:04:00Z"));
    }

    @Test
    void theRetryPauseNeverExceedsOnePeriod() {
      assertThat(DueTime.retryAfterFailure(every(5, Unit.MINUTES), failedAt, 10, DEFAULTS))
          .isEqualTo(at("2026-06-10T12:05:00Z"));
      assertThat(DueTime.retryAfterFailure(every(1, Unit.DAYS), failedAt, 1_000, DEFAULTS))
          .isEqualTo(at("2026-06-11T12:00:00Z"));
      assertThat(DueTime.retryAfterFailure(null, failedAt, 30, DEFAULTS))
          .isEqualTo(at("2026-06-10T18:00:00Z"));
    }

    @Test
    void aFailingSegmentWaitsForItsPauseEvenWhenItsScheduleSaysDue() {
      Instant last = at("2026-06-01T04:00:00Z");
      Periodicity daily = every(1, Unit.DAYS);

      assertThat(DueTime.isDue(daily, last, failedAt, 2, DEFAULTS, at("2026-06-10T12:01:59Z")))
          .isFalse();
      assertThat(DueTime.isDue(daily, last, failedAt, 2, DEFAULTS, at("2026-06-10T12:02:00Z")))
          .isTrue();
      assertThat(DueTime.isDue(daily, null, failedAt, 1, DEFAULTS, at("2026-06-10T12:00:30Z")))
          .isFalse();
    }

    @Test
    void aFailureOlderThanTheLastSuccessNoLongerCounts() {
      Instant laterSuccess = at("2026-06-10T12:00:30Z");

      assertThat(DueTime.isDue(every(1, Unit.MINUTES), laterSuccess, failedAt, 5, DEFAULTS,
          at("2026-06-10T12:01:30Z"))).isTrue();
    }

    @Test
    void aFailingSegmentThatIsNotDueStaysNotDue() {
      Instant last = at("2026-06-10T04:00:10Z");

      assertThat(DueTime.isDue(every(1, Unit.DAYS), last, failedAt, 1, DEFAULTS,
          at("2026-06-10T13:00:00Z"))).isFalse();
    }
  }

  @Test
  void shorterPeriodicitiesHaveShorterLengths() {
    assertThat(DueTime.length(every(90, Unit.MINUTES)))
        .isLessThan(DueTime.length(every(2, Unit.HOURS)));
    assertThat(DueTime.length(every(23, Unit.HOURS)))
        .isLessThan(DueTime.length(every(1, Unit.DAYS)));
    assertThat(DueTime.length(every(1, Unit.DAYS))).isEqualTo(Duration.ofHours(24));
  }
}
