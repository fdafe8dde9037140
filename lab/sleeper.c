/* The only file in the no-shell lab images: sleeps until it is stopped (no shell, no libc calls besides nanosleep). */
#include <time.h>

int main(void)
{
    struct timespec day = { 86400, 0 };
    for (;;)
        nanosleep(&day, 0);
}
