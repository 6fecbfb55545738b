import ParcelTestSupport
import Testing

@testable import ParcelCore

@Suite("Legal periods in KST: first day not counted, ends at 24:00, calendar months, business days")
struct LegalCalendarTests {
    @Test(
        "7 days after a delivery end at 24:00 KST of the 7th day, whatever clock the delivery was reported on",
        arguments: [
            "2026-11-03T14:00:00+09:00", "2026-11-03T05:00:00Z", "2026-11-02T20:00:00-05:00",
            "2026-11-03T00:00:00+09:00", "2026-11-03T23:59:59+09:00", "2026-11-03T13:30:00+08:00",
        ])
    func sevenDays(delivered: String) {
        let end = LegalCalendar.end(days: 7, after: time(delivered))
        #expect(end == time("2026-11-11T00:00:00+09:00"))
        #expect(LegalCalendar.display(end) == "2026-11-10 24:00 KST")
    }

    @Test("a delivery just after midnight KST is the next day, though UTC still says the day before")
    func kstDayBoundary() {
        #expect(LegalCalendar.end(days: 7, after: time("2026-11-03T15:30:00Z")) == time("2026-11-12T00:00:00+09:00"))
        #expect(LegalCalendar.end(days: 7, after: time("2026-11-03T14:59:00Z")) == time("2026-11-11T00:00:00+09:00"))
    }

    @Test(
        "calendar months: the same day three months on, or that month's last day",
        arguments: [
            ("2026-11-03T10:00:00+09:00", "2027-02-04T00:00:00+09:00"),
            ("2026-11-30T10:00:00+09:00", "2027-03-01T00:00:00+09:00"),
            ("2026-11-29T10:00:00+09:00", "2027-03-01T00:00:00+09:00"),
            ("2027-11-29T10:00:00+09:00", "2028-03-01T00:00:00+09:00"),
            ("2026-12-31T10:00:00+09:00", "2027-04-01T00:00:00+09:00"),
            ("2026-10-31T10:00:00+09:00", "2027-02-01T00:00:00+09:00"),
            // Delivered on a month's last day: the period starts on the 1st and runs three whole months.
            ("2027-02-28T12:00:00+09:00", "2027-06-01T00:00:00+09:00"),
            ("2026-09-30T12:00:00+09:00", "2027-01-01T00:00:00+09:00"),
            ("2027-04-30T12:00:00+09:00", "2027-08-01T00:00:00+09:00"),
            ("2028-02-29T12:00:00+09:00", "2028-06-01T00:00:00+09:00"),
            // Starting on the 31st, into a month of 30 days: that month's last day.
            ("2027-01-30T12:00:00+09:00", "2027-05-01T00:00:00+09:00"),
        ])
    func threeMonths(delivered: String, end: String) {
        #expect(LegalCalendar.end(months: 3, after: time(delivered)) == time(end))
    }

    @Test("the month arithmetic lands on the right day for 2027-11-29 + 3 months in a leap year")
    func leapFebruary() {
        let end = LegalCalendar.end(months: 3, after: time("2027-11-29T10:00:00+09:00"))
        #expect(LegalCalendar.display(end) == "2028-02-29 24:00 KST")
    }

    @Test(
        "business days skip weekends and Korean public holidays",
        arguments: [
            // Friday → Mon, Tue, Wed.
            ("2026-11-06T15:00:00+09:00", "2026-11-12T00:00:00+09:00"),
            // Chuseok (24–25 Sep) and the weekend: Mon 28, Tue 29, Wed 30.
            ("2026-09-23T15:00:00+09:00", "2026-10-01T00:00:00+09:00"),
            // The substitute holiday for National Foundation Day (Mon 5 Oct).
            ("2026-10-02T15:00:00+09:00", "2026-10-09T00:00:00+09:00"),
            // Christmas on a Friday.
            ("2026-12-23T15:00:00+09:00", "2026-12-30T00:00:00+09:00"),
        ])
    func businessDays(start: String, end: String) {
        #expect(LegalCalendar.end(businessDays: 3, after: time(start)) == time(end))
    }

    @Test("a time that is not midnight shows as itself")
    func displayOtherTimes() {
        #expect(LegalCalendar.display(time("2026-11-10T15:30:00+09:00")) == "2026-11-10 15:30 KST")
    }
}
