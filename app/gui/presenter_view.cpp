// The presenter's screen: what it shows (from the UI state and the clocks) and its ImGui layout.
#include "app/gui/presenter_view.h"

#include "core/date.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace buildout {

void PresenterClock::update(bool presenting, int currentBeat, double now) {
    if (!presenting) {
        talkStart = -1;
        beat = -2;
        return;
    }
    if (talkStart < 0) talkStart = beatStart = now;
    if (currentBeat != beat) beat = currentBeat, beatStart = now;
}

std::string formatElapsed(double seconds) {
    const long s = seconds > 0 ? static_cast<long>(std::floor(seconds)) : 0;
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

namespace {

/// One beat as the presenter view lists it.
struct BeatText {
    std::string date, title, caption, notes;
};

BeatText tourBeatText(const TourBeat& b, int index) {
    BeatText t;
    t.date = formatDate(static_cast<Day>(b.from));
    t.title = !b.captionTitle.empty()  ? b.captionTitle
              : !b.captionText.empty() ? b.captionText
                                       : "Beat " + std::to_string(index + 1);
    if (!b.captionTitle.empty()) t.caption = b.captionText;
    t.notes = b.notes;
    return t;
}

BeatText eventText(const ScenarioEvent& e) {
    return {formatDate(e.date), e.title, e.text, e.notes};
}

} // namespace

PresenterView makePresenterView(const UiState& ui, const PresenterClock& clock, double now, std::time_t wall,
                                const Tour* tour, int tourBeat) {
    PresenterView v;
    v.presenting = ui.presenting;
    v.blackout = ui.blackout;
    v.beatEntry = ui.beatEntry;
    v.talkTime = formatElapsed(clock.talkStart < 0 ? 0 : now - clock.talkStart);
    v.beatTime = formatElapsed(clock.talkStart < 0 ? 0 : now - clock.beatStart);
    char hhmm[16];
    std::tm local{};
    localtime_r(&wall, &local);
    std::strftime(hhmm, sizeof hhmm, "%H:%M", &local);
    v.wallClock = hhmm;
    std::vector<BeatText> beats;
    if (tour) {
        for (std::size_t i = 0; i < tour->beats.size(); ++i)
            beats.push_back(tourBeatText(tour->beats[i], static_cast<int>(i)));
    } else if (ui.scenario) {
        for (const ScenarioEvent& e : ui.scenario->manifest.events)
            beats.push_back(eventText(e));
    }
    v.count = static_cast<int>(beats.size());
    v.beat = std::clamp(tour ? tourBeat : ui.beat, -1, v.count - 1);
    for (int i = 0; i < v.count; ++i) {
        const BeatText& b = beats[static_cast<std::size_t>(i)];
        v.beats.push_back(std::to_string(i + 1) + "  " + b.date + "  " + b.title);
    }
    if (v.beat >= 0) {
        const BeatText& b = beats[static_cast<std::size_t>(v.beat)];
        v.date = b.date, v.title = b.title, v.caption = b.caption, v.notes = b.notes;
    }
    if (v.beat + 1 < v.count) {
        const BeatText& n = beats[static_cast<std::size_t>(v.beat + 1)];
        v.hasNext = true;
        v.nextDate = n.date;
        v.nextTitle = n.title;
    }
    return v;
}

namespace {

const ImVec4 kDim(0.62f, 0.68f, 0.76f, 1.0f);
const ImVec4 kAccent(0.45f, 0.78f, 1.0f, 1.0f);
const ImVec4 kWarn(1.0f, 0.42f, 0.36f, 1.0f);

/// The top bar: beat number and beat timer, talk timer, wall clock. True when the timers were clicked.
bool drawTimers(const PresenterView& v, const Fonts& fonts, float width) {
    ImGui::PushFont(fonts.large);
    char beat[64];
    if (v.beat >= 0)
        std::snprintf(beat, sizeof beat, "Beat %d / %d", v.beat + 1, v.count);
    else
        std::snprintf(beat, sizeof beat, "Before beat 1 / %d", v.count);
    ImGui::TextUnformatted(beat);
    ImGui::SameLine(width * 0.30f);
    ImGui::TextColored(kDim, "beat");
    ImGui::SameLine();
    ImGui::TextColored(kAccent, "%s", v.beatTime.c_str());
    const bool clicked = ImGui::IsItemClicked();
    ImGui::SameLine(width * 0.52f);
    ImGui::TextColored(kDim, "talk");
    ImGui::SameLine();
    ImGui::TextUnformatted(v.talkTime.c_str());
    const bool clickedTalk = ImGui::IsItemClicked();
    const float clockW = ImGui::CalcTextSize(v.wallClock.c_str()).x;
    ImGui::SameLine(width - clockW - ImGui::GetStyle().WindowPadding.x);
    ImGui::TextUnformatted(v.wallClock.c_str());
    ImGui::PopFont();
    return clicked || clickedTalk;
}

/// The current beat: date, title, caption, then the speaker notes (wrapped; scrolls when long).
void drawCurrentBeat(const PresenterView& v, const Fonts& fonts, ImVec2 size) {
    ImGui::BeginChild("##current", size, false);
    ImGui::PushTextWrapPos(0.0f); // wrap at the column's right edge
    if (v.beat < 0) {
        ImGui::PushFont(fonts.large);
        ImGui::TextColored(kDim, "%s",
                           v.presenting ? "Press Page Down / → for the first beat"
                                        : "Not presenting: F5 starts the presentation");
        ImGui::PopFont();
    } else {
        ImGui::PushFont(fonts.strong);
        ImGui::TextColored(kDim, "%s", v.date.c_str());
        ImGui::PopFont();
        ImGui::PushFont(fonts.large);
        ImGui::TextUnformatted(v.title.c_str());
        ImGui::PopFont();
        if (!v.caption.empty()) {
            ImGui::PushFont(fonts.body);
            ImGui::TextColored(kDim, "%s", v.caption.c_str());
            ImGui::PopFont();
        }
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        ImGui::PushFont(fonts.strong);
        ImGui::TextColored(kAccent, "NOTES");
        ImGui::PopFont();
        ImGui::PushFont(fonts.body);
        ImGui::TextUnformatted(v.notes.empty() ? "(no notes for this beat)" : v.notes.c_str());
        ImGui::PopFont();
    }
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

/// The next beat (title and thumbnail) and the list of beats; returns the beat clicked, or -1.
int drawNextAndList(const PresenterView& v, const Fonts& fonts, ImTextureID thumbnail, float thumbAspect,
                    ImVec2 size) {
    int clicked = -1;
    ImGui::BeginChild("##next", size, false);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(fonts.strong);
    ImGui::TextColored(kDim, "NEXT");
    ImGui::SameLine();
    ImGui::TextUnformatted(v.hasNext ? (v.nextDate + "  " + v.nextTitle).c_str() : "(the last beat)");
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = w / std::max(thumbAspect, 0.1f);
    if (v.hasNext && thumbnail)
        ImGui::Image(thumbnail, ImVec2(w, h), ImVec2(0, 1), ImVec2(1, 0)); // GL rows are bottom-up
    else
        ImGui::Dummy(ImVec2(w, h));
    ImGui::Spacing();
    ImGui::PushFont(fonts.body);
    ImGui::BeginChild("##beats", ImVec2(0, 0), true);
    for (int i = 0; i < static_cast<int>(v.beats.size()); ++i) {
        // A selectable row as tall as its wrapped text (long titles wrap rather than being clipped).
        const char* text = v.beats[static_cast<std::size_t>(i)].c_str();
        const float wrapW = ImGui::GetContentRegionAvail().x;
        const ImVec2 textSize = ImGui::CalcTextSize(text, nullptr, false, wrapW);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::PushID(i);
        if (ImGui::Selectable("##beat", i == v.beat, ImGuiSelectableFlags_AllowItemOverlap,
                              ImVec2(0, textSize.y)))
            clicked = i;
        if (i == v.beat && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.3f); // follow the current beat
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(at);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrapW);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::SetCursorScreenPos(after);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::PopFont();
    ImGui::EndChild();
    return clicked;
}

} // namespace

PresenterActions drawPresenterView(const PresenterView& v, const Fonts& fonts, ImTextureID thumbnail,
                                   float thumbAspect) {
    PresenterActions act;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::Begin("##presenter", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar);
    const float width = ImGui::GetContentRegionAvail().x;
    act.resetTimers = drawTimers(v, fonts, width);
    if (v.blackout) {
        ImGui::PushFont(fonts.strong);
        ImGui::TextColored(kWarn, "THE AUDIENCE SCREEN IS BLACK  (B brings it back)");
        ImGui::PopFont();
    }
    if (!v.beatEntry.empty()) {
        ImGui::PushFont(fonts.strong);
        ImGui::TextColored(kAccent, "Go to beat %s  (Enter; Esc cancels)", v.beatEntry.c_str());
        ImGui::PopFont();
    }
    ImGui::Separator();
    // The hint line at the bottom, in the small font.
    ImGui::PushFont(fonts.small);
    const float hintH = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PopFont();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float h = ImGui::GetContentRegionAvail().y - hintH - ImGui::GetStyle().ItemSpacing.y;
    const float leftW = std::floor((width - gap) * 0.58f);
    drawCurrentBeat(v, fonts, ImVec2(leftW, h));
    ImGui::SameLine(0, gap);
    act.jumpTo = drawNextAndList(v, fonts, thumbnail, thumbAspect, ImVec2(width - leftW - gap, h));
    ImGui::PushFont(fonts.small);
    ImGui::TextColored(kDim, "Page Down / →  next     Page Up / ←  back     Home / End  first / last     "
                             "digits + Enter  go to beat     B  black screen     F6  close this window");
    ImGui::PopFont();
    ImGui::End();
    return act;
}

} // namespace buildout
