package io.tollgate;

import io.tollgate.charge.Fields;
import io.tollgate.charge.Msisdn;

/**
 * A request id arrived again with different fields. A retry must repeat the charge exactly; a
 * different charge needs a new id. Nothing was recorded for the conflicting request.
 */
public final class RequestConflictException extends TollgateException {
    RequestConflictException(String requestId) {
        super("request_id: " + Msisdn.maskEchoed(Fields.quoted(requestId))
                + " was already checked with different fields; a retry must repeat the charge exactly");
    }
}
