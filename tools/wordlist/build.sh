#!/bin/sh
# Builds data/wordlist.gz, the word list `dossier suggest` embeds to tell names from ordinary
# words. Run it again only to refresh the list; the product never reads /usr/share/dict.
#
# Inputs (Debian packages, `apt-get install wngerman wamerican wbritish`):
#   wngerman  /usr/share/dict/ngerman          igerman98 by Björn Jacke, GPL-2+
#   wamerican /usr/share/dict/american-english SCOWL by Kevin Atkinson et al., a permissive
#   wbritish  /usr/share/dict/british-english  licence (see /usr/share/doc/wamerican/copyright)
# The German part is derived from a GPL-2+ work: a binary that embeds it is distributed under
# the terms of the GPL as far as that data is concerned (see README, "Suggestions").
#
# Output: gzip of a sorted list with one section per class, each line front-coded (the first
# byte is the number of leading bytes shared with the previous word of the section, as a
# character '0'+n capped at 'z'; then the rest of the word):
#   #de-lower   German words written lower-case (verbs, adjectives, function words)
#   #de-noun    German capitalised words with a plural or case ending in the list (Staat,
#               Staaten, Staates): common nouns, not names
#   #de-cap     other capitalised German words (Moskau, Putin, Gipfel): names or nouns
#   #en-lower   English words written lower-case
#   #en-proper  English words written capitalised (Moscow, Stalin, Korea): proper names
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../data/wordlist.gz"
de=${DE:-/usr/share/dict/ngerman}
en1=${EN1:-/usr/share/dict/american-english}
en2=${EN2:-/usr/share/dict/british-english}
for f in "$de" "$en1" "$en2"; do
    [ -r "$f" ] || { echo "missing $f: apt-get install wngerman wamerican wbritish" >&2; exit 1; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C

# Words without apostrophes ("Korea's" is a form the scanner makes itself).
grep -v "'" "$de" | sort -u > "$tmp/de"
cat "$en1" "$en2" | grep -v "'" | sort -u > "$tmp/en"

# Classes by the first letter (Perl reads UTF-8: Ä, Ö, Ü are letters).
perl -CSD -ne 'chomp; print "$_\n" if /^(\p{Ll}|\d)/' "$tmp/de" > "$tmp/de-lower"
perl -CSD -ne 'chomp; print "$_\n" if /^(\p{Ll}|\d)/' "$tmp/en" > "$tmp/en-lower"
perl -CSD -ne 'chomp; print "$_\n" if /^\p{Lu}/' "$tmp/en" > "$tmp/en-proper"

# Capitalised German words: a noun when the list holds it with a plural or case ending (W+e,
# W+en, W+n, W+nen, W+es), or it is such a form of a capitalised word of the list
# (Sanktionen of Sanktion). "-er" alone is left out: Moskauer, Berliner
# are demonyms. Whatever else is capitalised may be a name.
perl -CSD -e '
    my (%cap, @order, %tails);
    while (<>) {
        chomp;
        if (/^\p{Lu}/) { $cap{$_} = 1; push @order, $_ }
        my $l = lc $_;
        $tails{substr($l, $_)}++ for 3 .. length($l) - 4;
    }
    my @suffix = qw(e en n nen es);
    open my $noun, ">", "'"$tmp"'/de-noun" or die;
    open my $other, ">", "'"$tmp"'/de-cap" or die;
    for my $w (@order) {
        my $is = grep { $cap{$w . $_} } @suffix;
        $is ||= ($tails{lc $w} // 0) >= 10;
        if (!$is) {
            for my $x (@suffix) {
                next unless length($w) > length($x) + 2 && substr($w, -length($x)) eq $x;
                my $stem = substr($w, 0, -length($x));
                if ($cap{$stem}) { $is = 1; last }
            }
        }
        print { $is ? $noun : $other } "$w\n";
    }' "$tmp/de"

# Front coding by bytes: the decoder rebuilds whole words, which are valid UTF-8.
front() {
    perl -ne 'chomp; my $p = 0; my $m = length($prev) < length($_) ? length($prev) : length($_);
        $p++ while $p < $m && $p < 74 && substr($prev, $p, 1) eq substr($_, $p, 1);
        print chr(48 + $p), substr($_, $p), "\n"; $prev = $_' "$1"
}
{
    for class in de-lower de-noun de-cap en-lower en-proper; do
        echo "#$class"
        sort -u "$tmp/$class" > "$tmp/$class.sorted"
        front "$tmp/$class.sorted"
    done
} | gzip -9n > "$out"
for class in de-lower de-noun de-cap en-lower en-proper; do
    printf '%s %s\n' "$class" "$(wc -l < "$tmp/$class")"
done
ls -l "$out"
