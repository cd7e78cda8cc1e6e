// The send function of each channel type (docs/alerts.md): what one
// delivery of one or more queued events puts on the wire.
//   webhook       POST of one event: its JSON with "id" first, signed
//                 (webhook_signature.h), headers X-Tldmon-Event (the id),
//                 X-Tldmon-Timestamp, X-Tldmon-Signature;
//   alertmanager  POST /api/v2/alerts of up to 50 events in Alertmanager's
//                 form (alertmanager_payload.h);
//   email         one mail per event, or with `digest` one per 50 events.
// Thread-safe (the channel's config is copied in).
#pragma once

#include <span>
#include <string>

#include "alerts/channel_config.h"
#include "alerts/channel_delivery.h"
#include "core/clock.h"
#include "engine/alert_tracker.h"

namespace tldmon::alerts {

// `public_url` makes links absolute ("https://tldmon.example"; may be empty).
SendEvents MakeSender(const ChannelConfig& channel, const Clock* clock, std::string public_url);

// Events per send: 1 for a webhook and a plain email channel, 50 otherwise.
std::size_t MaxPerSend(const ChannelConfig& channel);

// The webhook body of one event: its JSON with "id" added first.
std::string WebhookBody(const store::StoredAlertEvent& event);

// An Alertmanager channel's periodic re-send of what fires (so Alertmanager
// never lets a live alert expire): `firing` posted with endsAt =
// now + 4 × resend_seconds.
Result<std::string> ResendFiring(const ChannelConfig& channel, std::span<const engine::ActiveAlert> firing,
                                 UnixSeconds now, const std::string& public_url);

}  // namespace tldmon::alerts
