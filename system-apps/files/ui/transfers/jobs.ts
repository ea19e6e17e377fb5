// The user's server jobs (copy, move, trash…) for the transfer panel: read once, then kept current by `files.job` pushes.
import { computed, onBeforeUnmount, ref } from 'vue';
import { useQuery, useQueryClient } from '@tanstack/vue-query';
import { useSocket, useTrpc } from '../../../../frontend/sdk';
import type { Job } from '../../server/files.types';
import { mergeJob } from './job-list';

export const JOBS_KEY = ['files', 'jobs'] as const;

export function useJobs() {
  const trpc = useTrpc();
  const socket = useSocket();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: JOBS_KEY, queryFn: () => trpc.files.jobs.list.query(), staleTime: Infinity });
  /** Finished jobs the user cleared from the panel (for this page). */
  const hidden = ref(new Set<string>());

  const onJob = (job: Job) => {
    if (job?.id) queryClient.setQueryData<Job[]>(JOBS_KEY, (old) => mergeJob(old, job));
  };
  const onReconnect = () => void queryClient.invalidateQueries({ queryKey: JOBS_KEY });
  socket.on('files.job', onJob);
  socket.on('connect', onReconnect);
  onBeforeUnmount(() => {
    socket.off('files.job', onJob);
    socket.off('connect', onReconnect);
  });

  const jobs = computed(() => (query.data.value ?? []).filter((j) => !hidden.value.has(j.id)));

  async function cancel(id: string): Promise<void> {
    onJob(await trpc.files.jobs.cancel.mutate({ id }));
  }

  function clearFinished(): void {
    const next = new Set(hidden.value);
    for (const j of query.data.value ?? []) if (j.state !== 'running') next.add(j.id);
    hidden.value = next;
  }

  return { query, jobs, cancel, clearFinished };
}
