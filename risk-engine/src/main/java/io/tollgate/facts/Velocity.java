package io.tollgate.facts;

/**
 * How fast the charge's number, device and IP have been charging, including this charge.
 * Rules read nested figures as {@code Velocity( msisdn.attempts10m > 5 )}.
 *
 * @param msisdn windows of the number
 * @param device windows of the device ({@link VelocityWindow#NONE} without a device id)
 * @param ip windows of the IP ({@link VelocityWindow#NONE} without an IP)
 * @param msisdnMerchant windows of the number at this merchant
 * @param deviceMsisdns24h distinct numbers charged from the device in 24 hours
 * @param ipMsisdns24h distinct numbers charged from the IP in 24 hours
 * @param ipMsisdns1h distinct numbers charged from the IP in an hour
 * @param msisdnMerchants10m distinct merchants that charged the number in 10 minutes
 * @param blockMsisdns24h distinct numbers of this number's block of 100 (its first 9 digits) charged in
 *     24 hours: SIM farms buy cards in consecutive batches
 * @param deviceMsisdns7d distinct numbers charged from the device in 7 days: a farm's handset comes back
 *     on its next working day with new SIMs
 * @param blockMsisdns7d distinct numbers of this number's block of 100 charged in 7 days: a farm works
 *     through one batch of SIMs over several days
 */
public record Velocity(
        VelocityWindow msisdn,
        VelocityWindow device,
        VelocityWindow ip,
        VelocityWindow msisdnMerchant,
        int deviceMsisdns24h,
        int ipMsisdns24h,
        int ipMsisdns1h,
        int msisdnMerchants10m,
        int blockMsisdns24h,
        int deviceMsisdns7d,
        int blockMsisdns7d) {
}
