package org.ilsafety.dosing.plan;

public enum PlanStatus {
    ACTIVE, INTERRUPTED, DISCONTINUED
}
