/* The floor for `supportcal bench ics`: libical called directly on the same file,
 * parse then serialize, best of RUNS. Prints the median milliseconds.
 * Build: cc -O2 -o libical-floor libical-floor.c $(pkg-config --cflags --libs libical) */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s FILE.ics [RUNS]\n", argv[0]); return 2; }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    rewind(file);
    char *text = malloc(size + 1);
    if (fread(text, 1, size, file) != (size_t)size) { perror("read"); return 1; }
    text[size] = 0;
    fclose(file);
    double samples[64];
    if (runs < 1 || runs > 64) runs = 5;
    for (int run = 0; run < runs; run++) {
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        icalcomponent *calendar = icalparser_parse_string(text);
        char *out = icalcomponent_as_ical_string_r(calendar);
        clock_gettime(CLOCK_MONOTONIC, &end);
        free(out);
        icalcomponent_free(calendar);
        samples[run] = (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6;
    }
    qsort(samples, runs, sizeof(double), compare);
    printf("%.3f\n", samples[runs / 2]);
    free(text);
    return 0;
}
