/// Periods as Korean law counts them, in KST (Civil Act arts. 157 and 160):
/// the day a period starts from is not counted, a period ends at 24:00 of its
/// last day, and months are calendar months (a month with no such day ends
/// the period on its last day). Business days skip weekends and public
/// holidays. Platform timers are not counted this way: they run in exact
/// time (`Timestamp.adding`).
///
/// Art. 161 (a period whose last day is a holiday ends the next day) is not
/// applied: the marketplaces' own systems close on the counted day.
public enum LegalCalendar {
    static let offset = Timestamp.kst

    /// Days since 1970-01-01 on the KST calendar.
    @inline(__always)
    public static func day(_ moment: Timestamp) -> Int {
        Int(((moment.epochSeconds + Double(offset)) / 86_400).rounded(.down))
    }

    /// 24:00 KST at the end of `day`, as an instant.
    @inline(__always)
    public static func endOf(day: Int) -> Timestamp {
        Timestamp(epochSeconds: Double((day + 1) * 86_400 - offset), utcOffset: offset)
    }

    /// The end of a window of `days` days counted from the day after `start`.
    @inline(__always)
    public static func end(days: Int, after start: Timestamp) -> Timestamp {
        endOf(day: day(start) + days)
    }

    /// The end of a window of `months` calendar months counted from the day after `start`:
    /// delivered 3 November, 3 months → 24:00 on 3 February; delivered on a month's last day
    /// (the period starts on the 1st), the last day of the third month after.
    public static func end(months: Int, after start: Timestamp) -> Timestamp {
        endOf(day: lastDay(months: months, from: day(start) + 1))
    }

    /// The last day of a period of `months` starting on `first`: art. 160(2), the day before
    /// the same day `months` later; from a month's first day, art. 160(1), the last day of the
    /// last month; with no such day in the last month, art. 160(3), that month's last day.
    static func lastDay(months: Int, from first: Int) -> Int {
        let (year, month, date) = Timestamp.civil(fromDays: first)
        let index = year * 12 + (month - 1) + months
        let endYear = index >= 0 ? index / 12 : (index - 11) / 12
        let endMonth = index - endYear * 12 + 1
        let length = Timestamp.daysInMonth(year: endYear, month: endMonth)
        guard date > 1, date <= length else {
            // From the 1st: the month before `endMonth` ends it. Past the month's length: its last day.
            if date == 1 { return Timestamp.days(fromCivil: endYear, endMonth, 1) - 1 }
            return Timestamp.days(fromCivil: endYear, endMonth, length)
        }
        return Timestamp.days(fromCivil: endYear, endMonth, date) - 1
    }

    /// The end of the `count`th business day after `start`'s day.
    public static func end(businessDays count: Int, after start: Timestamp) -> Timestamp {
        var current = day(start)
        var counted = 0
        while counted < count {
            current += 1
            if isBusinessDay(current) { counted += 1 }
        }
        return endOf(day: current)
    }

    /// A deadline for people: one that falls at midnight KST reads as 24:00
    /// of the day before, the day it is the last of ("2026-11-10 24:00 KST").
    public static func display(_ due: Timestamp) -> String {
        let seconds = Int((due.epochSeconds + Double(offset)).rounded(.down))
        guard seconds % 86_400 == 0 else { return due.display() }
        return endOf(day: seconds / 86_400 - 1).adding(seconds: -1).day() + " 24:00 KST"
    }

    public static func isBusinessDay(_ day: Int) -> Bool {
        // 1970-01-01 was a Thursday: day 2 is a Saturday, day 3 a Sunday.
        let weekday = ((day % 7) + 7) % 7
        if weekday == 2 || weekday == 3 { return false }
        return !KoreanHolidays.contains(day)
    }
}

/// Korean public holidays (공휴일, with substitute holidays) as KST day numbers.
/// Data to keep current each year: a year missing here counts weekends only.
public enum KoreanHolidays {
    /// The years the table covers.
    public static let years = 2025...2027

    static let dates: [(Int, Int, Int)] = [
        // 2025
        (2025, 1, 1), (2025, 1, 27), (2025, 1, 28), (2025, 1, 29), (2025, 1, 30), (2025, 3, 3), (2025, 5, 5),
        (2025, 5, 6), (2025, 6, 3), (2025, 6, 6), (2025, 8, 15), (2025, 10, 3), (2025, 10, 6), (2025, 10, 7),
        (2025, 10, 8), (2025, 10, 9), (2025, 12, 25),
        // 2026
        (2026, 1, 1), (2026, 2, 16), (2026, 2, 17), (2026, 2, 18), (2026, 3, 2), (2026, 5, 5), (2026, 5, 25),
        (2026, 6, 3), (2026, 8, 17), (2026, 9, 24), (2026, 9, 25), (2026, 10, 5), (2026, 10, 9), (2026, 12, 25),
        // 2027
        (2027, 1, 1), (2027, 2, 5), (2027, 2, 8), (2027, 3, 1), (2027, 5, 5), (2027, 5, 13), (2027, 8, 16),
        (2027, 9, 14), (2027, 9, 15), (2027, 9, 16), (2027, 10, 4), (2027, 10, 11), (2027, 12, 27),
    ]

    /// One bit per day of the covered years, from the first day of the first.
    static let firstDay = Timestamp.days(fromCivil: years.lowerBound, 1, 1)
    static let bits: [UInt64] = {
        let span = Timestamp.days(fromCivil: years.upperBound + 1, 1, 1) - firstDay
        var bits = [UInt64](repeating: 0, count: span / 64 + 1)
        for (year, month, date) in dates {
            let offset = Timestamp.days(fromCivil: year, month, date) - firstDay
            bits[offset / 64] |= 1 << UInt64(offset % 64)
        }
        return bits
    }()

    static func contains(_ day: Int) -> Bool {
        let offset = day - firstDay
        guard offset >= 0, offset / 64 < bits.count else { return false }
        return bits[offset / 64] & (1 << UInt64(offset % 64)) != 0
    }
}
