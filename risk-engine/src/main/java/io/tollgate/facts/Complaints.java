package io.tollgate.facts;

/**
 * Complaint history as of the check.
 *
 * @param msisdn30d complaints filed by the number in the last 30 days
 * @param msisdn90d … in the last 90 days
 * @param msisdn365d … in the last 365 days
 * @param againstMerchant365d whether one of those in 365 days was against this charge's merchant
 * @param deductions90d deductions (核减) on the number's charges in the last 90 days
 * @param refunds90d refunds of the number's charges in the last 90 days
 * @param merchant30d complaints against this charge's merchant in the last 30 days
 * @param merchantApproved30d charges of this merchant approved in the last 30 days
 * @param merchantRatePer10k {@code merchant30d} per 10,000 approved charges, 0 when none were approved
 */
public record Complaints(
        int msisdn30d,
        int msisdn90d,
        int msisdn365d,
        boolean againstMerchant365d,
        int deductions90d,
        int refunds90d,
        int merchant30d,
        long merchantApproved30d,
        double merchantRatePer10k) {
}
