package io.tollgate.signals.subscriber;

/** The state of a subscriber's line at the carrier. */
public enum SubscriberStatus {
    ACTIVE,
    /** 停机: the line is suspended, usually for arrears. */
    SUSPENDED,
    /** 单停: outgoing service suspended, incoming still works. */
    HALF_SUSPENDED,
    /** 销户中: the subscriber is leaving the network. */
    CLOSING,
    /** 已销户: the subscriber has left the network. */
    CLOSED
}
