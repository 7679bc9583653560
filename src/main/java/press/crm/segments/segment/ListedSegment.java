package press.crm.segments.segment;

/** A segment with the group it is listed under. */
public record ListedSegment(Segment segment, SegmentGroup group) {
}
