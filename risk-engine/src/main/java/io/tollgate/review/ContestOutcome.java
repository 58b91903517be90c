package io.tollgate.review;

/**
 * What a contest did. Immutable.
 *
 * @param caseId the case a reviewer decides the contest on
 * @param status the case's status now
 * @param recorded {@code false} when the block had been contested already and nothing changed
 * @param caseOpened {@code true} when the block had opened no case and the contest opened one
 */
public record ContestOutcome(long caseId, CaseStatus status, boolean recorded, boolean caseOpened) {
}
